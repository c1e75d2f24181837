package dev.countersign.jvm;

import dev.countersign.results.ErrorCode;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbedMetric;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Allocation and GC activity of the whole JVM during an invocation.
 *
 * <p>{@code alloc-bytes} counts every thread's allocation, so threads the workload starts are
 * included. Where the JDK has {@code getTotalThreadAllocatedBytes()} (JDK 21, and the 17 updates
 * that backported it, such as 17.0.15) it reads that, which includes threads that ended during the
 * invocation; elsewhere it sums the live threads, so a thread that starts and ends inside one
 * invocation is missed. The probe's own allocation between its two
 * reads is measured once at open and subtracted.
 *
 * <p>{@code gc-count} is the number of collections and {@code gc-time} their accumulated time (ns,
 * at the millisecond resolution of {@link GarbageCollectorMXBean#getCollectionTime()}).
 *
 * <p>All three are JVM-wide, so they are the workload's only when nothing else ran. Each
 * invocation also reads what the {@link OtherThreads other threads} allocated meanwhile; an
 * invocation is disturbed when they allocated more than {@value #DISTURBANCE_FLOOR_BYTES} bytes
 * and more than {@value #DISTURBANCE_PERCENT}% of the JVM-wide allocation. When more than {@value
 * #TOLERATED_DISTURBED_PERCENT}% of the invocations were disturbed (a few would not move a
 * median), the three are reported {@code DISTURBED} instead of values that are not the
 * workload's.
 */
final class JvmProbe implements Probe {

  private static final int ALLOC = 0;
  private static final int GC_COUNT = 1;
  private static final int GC_TIME = 2;

  /** Other threads' allocation an invocation tolerates: JVM housekeeping stays below it. */
  static final long DISTURBANCE_FLOOR_BYTES = 1024;
  /** ... and as a share of the JVM-wide allocation of the invocation. */
  static final double DISTURBANCE_PERCENT = 1.0;
  /** The share of disturbed invocations above which the metrics are withheld. */
  static final double TOLERATED_DISTURBED_PERCENT = 10.0;

  private final List<ProbedMetric> metrics = new ArrayList<>();
  private final OtherThreads others;
  private int invocations;
  private int disturbedInvocations;
  private long mostOthersAllocated;
  private String mostAllocatingThread = "";
  private long lastOthersAllocated;
  private String lastAllocatingThread = "";
  private final int[] kinds;
  private final AllocationCounter allocation = new AllocationCounter();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final long allocationOverhead;
  private long allocStart;
  private long gcCountStart;
  private long gcTimeStart;

  JvmProbe(List<String> names, List<Pattern> workloadThreads) {
    others = new OtherThreads(workloadThreads);
    kinds = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      switch (n) {
        case "alloc-bytes" -> {
          kinds[i] = ALLOC;
          metrics.add(new ProbedMetric(n, Source.JVM, "bytes"));
        }
        case "gc-count" -> {
          kinds[i] = GC_COUNT;
          metrics.add(new ProbedMetric(n, Source.JVM, "count"));
        }
        case "gc-time" -> {
          kinds[i] = GC_TIME;
          metrics.add(new ProbedMetric(n, Source.JVM, "ns"));
        }
        default -> throw new IllegalArgumentException("not a JVM metric: " + n);
      }
    }
    allocationOverhead = calibrate();
  }

  /** Reads that take the counter's method handle past its customization (at the 128th call). */
  private static final int HANDLE_WARMUP_READS = 130;

  private long calibrate() {
    for (int i = 0; i < HANDLE_WARMUP_READS; i++) {
      allocation.read();
    }
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long a = allocation.read();
      long b = allocation.read();
      min = Math.min(min, b - a);
    }
    return Math.max(0, min);
  }

  @Override
  public List<ProbedMetric> metrics() {
    return metrics;
  }

  @Override
  public void begin() {
    others.begin();
    gcCountStart = gcCount();
    gcTimeStart = gcTimeMillis();
    allocStart = allocation.read();
  }

  @Override
  public void end(double[] values, double[] fractionCounted) {
    long jvmWide = allocation.read() - allocStart;
    long alloc = jvmWide - allocationOverhead;
    long count = gcCount() - gcCountStart;
    long time = gcTimeMillis() - gcTimeStart;
    noteOthers(others.end(), jvmWide);
    for (int i = 0; i < kinds.length; i++) {
      values[i] =
          switch (kinds[i]) {
            case ALLOC -> Math.max(0, alloc);
            case GC_COUNT -> count;
            default -> time * 1_000_000.0;
          };
      fractionCounted[i] = Double.NaN;
    }
  }

  private long gcCount() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      sum += Math.max(0, gc.getCollectionCount());
    }
    return sum;
  }

  private long gcTimeMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private void noteOthers(OtherThreads.Growth growth, long jvmWide) {
    invocations++;
    lastOthersAllocated = 0;
    if (growth.bytes() > DISTURBANCE_FLOOR_BYTES
        && growth.bytes() * 100.0 > DISTURBANCE_PERCENT * Math.max(jvmWide, 0)) {
      disturbedInvocations++;
      lastOthersAllocated = growth.bytes();
      lastAllocatingThread = others.nameOf(growth.topThread());
      if (growth.bytes() > mostOthersAllocated) {
        mostOthersAllocated = growth.bytes();
        mostAllocatingThread = lastAllocatingThread;
      }
    }
  }

  /** The harness floor's empty spans were no invocations: they count in no statistic. */
  @Override
  public void forgetSpans() {
    invocations = 0;
    disturbedInvocations = 0;
    mostOthersAllocated = 0;
    mostAllocatingThread = "";
    lastOthersAllocated = 0;
    lastAllocatingThread = "";
  }

  /** The JVM-wide metrics, when other threads allocated during too many invocations. */
  @Override
  public List<UnavailableMetric> disturbed() {
    if (disturbedInvocations * 100.0 <= TOLERATED_DISTURBED_PERCENT * invocations) {
      return List.of();
    }
    String reason = "other threads allocated during " + disturbedInvocations + " of "
        + invocations + " measured invocations (up to " + mostOthersAllocated
        + " bytes in one, most by '" + mostAllocatingThread + "'), so the JVM-wide count would"
        + " be theirs as much as the workload's";
    String remedy = "run the test where nothing else runs (other tests, threads earlier tests"
        + " left running); if those threads are the workload's own, name them in"
        + " @PerfTest(threads = ...)";
    return metrics.stream().map(m -> new UnavailableMetric(m.name(), m.source(), ErrorCode.DISTURBED,
        reason, remedy)).toList();
  }

  /** The JVM-wide metrics, when other threads allocated during the last span. */
  @Override
  public List<UnavailableMetric> disturbedLastSpan() {
    if (lastOthersAllocated == 0) {
      return List.of();
    }
    String reason = "other threads allocated " + lastOthersAllocated + " bytes during the span"
        + " (most by '" + lastAllocatingThread + "'), more than " + DISTURBANCE_PERCENT + "% of"
        + " the JVM-wide allocation, so the JVM-wide count would be theirs as much as the"
        + " workload's";
    String remedy = "measure where nothing else runs meanwhile (a thread started before the span"
        + " counts as another's)";
    return metrics.stream().map(m -> new UnavailableMetric(m.name(), m.source(), ErrorCode.DISTURBED,
        reason, remedy)).toList();
  }

  @Override
  public void close() {}

  /**
   * Bytes allocated by all threads so far: {@code getTotalThreadAllocatedBytes()} where the JDK
   * has it (one call, no array, threads that ended included), called through a method handle with
   * {@code invokeExact} (nothing boxed); elsewhere the sum over the live threads, whose two
   * arrays grow with the number of threads. Until this was fixed the method was looked up as {@code
   * getTotalThreadAllocatedMemory}, which does not exist, so every JDK took the second path: on
   * JDK 25 the arrays, larger by the threads started after the calibration, left 80 B in every
   * measured invocation's {@code alloc-bytes}.
   */
  static final class AllocationCounter {
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /**
     * {@code (com.sun.management.ThreadMXBean) -> long}, or null where the JDK lacks it. Static
     * final, a constant to the JIT: a handle in an instance field is "customized" at its 128th
     * {@code invokeExact} (a class spun, about 13 kB allocated), which landed in measured
     * invocation 58 of every run; as a constant it is customized once per JVM, while it is still
     * interpreted, which {@link #calibrate()} makes happen before anything is measured.
     */
    private static final MethodHandle TOTAL = totalHandle();

    private static MethodHandle totalHandle() {
      try {
        return MethodHandles.publicLookup().findVirtual(com.sun.management.ThreadMXBean.class,
            "getTotalThreadAllocatedBytes", MethodType.methodType(long.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        return null; // JDK 17-20 without the backport
      }
    }

    /** Whether the JVM's own total is read, not the sum over live threads. */
    boolean readsJvmTotal() {
      return TOTAL != null;
    }

    long read() {
      if (TOTAL != null) {
        try {
          return (long) TOTAL.invokeExact(threads);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException("cannot read allocated memory", t);
        }
      }
      long sum = 0;
      for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
        sum += Math.max(0, a);
      }
      return sum;
    }
  }
}
