package dev.countersign.jvm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The allocation, during one measured invocation, of the threads that are not the workload's: the
 * threads that were alive when it began, except the measuring thread and those a test names in
 * {@code @PerfTest(threads)}. Threads started during the invocation are counted as the
 * workload's (as the perf counters' {@code inherit} counts them). JVM-wide metrics ({@code
 * alloc-bytes}, {@code gc-count}, {@code gc-time}) count these threads too, so when they allocate
 * the JVM-wide numbers are not the workload's: {@link JvmProbe} then flags them.
 *
 * <p>Per-thread allocation comes from {@code com.sun.management.ThreadMXBean}; a thread that ends
 * during the invocation is not seen (its growth is unknown, counted 0).
 */
final class OtherThreads {

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final List<Pattern> workloadThreads;
  private long[] ids = new long[0];
  private long[] before = new long[0];

  /** @param workloadThreads names (patterns) of existing threads that belong to the workload */
  OtherThreads(List<Pattern> workloadThreads) {
    this.workloadThreads = List.copyOf(workloadThreads);
  }

  /** Notes the other threads alive now and what each has allocated so far. */
  void begin() {
    long me = Thread.currentThread().getId();
    long[] all = threads.getAllThreadIds();
    String[] names = workloadThreads.isEmpty() ? null : names(all);
    int n = 0;
    long[] others = new long[all.length];
    for (int i = 0; i < all.length; i++) {
      if (all[i] != me && (names == null || !isWorkloads(names[i]))) {
        others[n++] = all[i];
      }
    }
    ids = java.util.Arrays.copyOf(others, n);
    before = threads.getThreadAllocatedBytes(ids);
  }

  /**
   * What the other threads allocated since {@link #begin()}, and which allocated most.
   *
   * @return the growth in bytes and the thread id that contributed most (-1 when none grew)
   */
  Growth end() {
    long[] after = threads.getThreadAllocatedBytes(ids);
    long sum = 0;
    long most = 0;
    long mostId = -1;
    for (int i = 0; i < ids.length; i++) {
      if (after[i] >= 0 && before[i] >= 0 && after[i] > before[i]) {
        long g = after[i] - before[i];
        sum += g;
        if (g > most) {
          most = g;
          mostId = ids[i];
        }
      }
    }
    return new Growth(sum, mostId);
  }

  /** The name of a thread, or its id when it has ended. */
  String nameOf(long id) {
    ThreadInfo info = threads.getThreadInfo(id, 0);
    return info == null ? "thread " + id : info.getThreadName();
  }

  private String[] names(long[] all) {
    ThreadInfo[] infos = threads.getThreadInfo(all, 0);
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = infos[i] == null ? "" : infos[i].getThreadName();
    }
    return names;
  }

  private boolean isWorkloads(String name) {
    for (Pattern p : workloadThreads) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param bytes what the other threads allocated
   * @param topThread the id of the thread that allocated most, -1 when none did
   */
  record Growth(long bytes, long topThread) {}
}
