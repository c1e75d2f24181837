package dev.countersign.perf;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Counters on one thread read together: a leader and its members, enabled, disabled and read as
 * one ({@code PERF_IOC_FLAG_GROUP}, {@code PERF_FORMAT_GROUP}), or a single counter read on its
 * own when the kernel refuses group reads. Values are deltas between a {@link #mark} and the next
 * {@link #sample} (the counters are never reset: {@code PERF_EVENT_IOC_RESET} does not reset the
 * enabled/running times), scaled for multiplexing. Neither allocates.
 */
final class PerfEventGroup implements AutoCloseable {

  static final long IOC_ENABLE = 0x2400;
  static final long IOC_DISABLE = 0x2401;
  static final long IOC_FLAG_GROUP = 1;

  static final long GROUP_FORMAT =
      PerfEventAttr.FORMAT_GROUP
          | PerfEventAttr.FORMAT_TOTAL_TIME_ENABLED
          | PerfEventAttr.FORMAT_TOTAL_TIME_RUNNING
          | PerfEventAttr.FORMAT_ID;
  static final long SINGLE_FORMAT =
      PerfEventAttr.FORMAT_TOTAL_TIME_ENABLED
          | PerfEventAttr.FORMAT_TOTAL_TIME_RUNNING
          | PerfEventAttr.FORMAT_ID;

  /**
   * How long a group read refused with ECHILD is retried before the read counts as failed: an
   * exiting thread's teardown normally takes microseconds, but on a loaded machine the exiting
   * thread can be preempted in the middle of it for a few scheduler slices.
   */
  static final long ECHILD_RETRY_NANOS = 1_000_000_000L;
  /** Within this much of the first ECHILD, retries only yield the CPU (no blocking switch). */
  private static final long ECHILD_YIELD_NANOS = 10_000_000L;
  private static final long ECHILD_PARK_NANOS = 100_000L;

  private final PerfSyscalls sys;
  private final boolean grouped;
  private final int capacity;
  private final int[] fds;
  private final int[] slots;
  private final long[] last;
  /** Kernel event ids of the members (PERF_FORMAT_ID), learnt at the first read; 0 = not yet. */
  private final long[] ids;
  private int size;
  private long lastEnabled;
  private long lastRunning;
  /** Reads the leader; made when the leader is added. */
  private CounterReader reader;
  private final int bufferBytes;
  private int readErrno;

  /**
   * @param grouped whether members share a leader and are read with PERF_FORMAT_GROUP
   * @param capacity most members this group can take (1 when not grouped)
   */
  PerfEventGroup(PerfSyscalls sys, boolean grouped, int capacity) {
    this.sys = sys;
    this.grouped = grouped;
    this.capacity = grouped ? capacity : 1;
    this.fds = new int[this.capacity];
    this.slots = new int[this.capacity];
    this.last = new long[this.capacity];
    this.ids = new long[this.capacity];
    // grouped: nr, enabled, running, then {value, id} per member; single: value, enabled, running, id
    this.bufferBytes = grouped ? 8 * (3 + 2 * this.capacity) : 32;
  }

  boolean grouped() {
    return grouped;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean isFull() {
    return size == capacity;
  }

  /** The leader's fd, the {@code group_fd} of members; -1 while empty. */
  int leaderFd() {
    return size == 0 ? -1 : fds[0];
  }

  int size() {
    return size;
  }

  /** The slot (metric index) of member {@code i}. */
  int slot(int i) {
    return slots[i];
  }

  /** Adds an opened counter whose totals go to metric {@code slot}. */
  void add(int fd, int slot) {
    if (size == capacity) {
      throw new IllegalStateException("group full");
    }
    if (size == 0) {
      reader = sys.reader(fd, bufferBytes);
    }
    fds[size] = fd;
    slots[size] = slot;
    size++;
  }

  /** Starts the group counting; returns 0 or {@code -errno}. */
  int enable() {
    return sys.ioctl(fds[0], IOC_ENABLE, IOC_FLAG_GROUP);
  }

  /** Stops the group counting; returns 0 or {@code -errno}. */
  int disable() {
    return sys.ioctl(fds[0], IOC_DISABLE, IOC_FLAG_GROUP);
  }

  /** The errno of the last failed read, 0 if the last read succeeded. */
  int readErrno() {
    return readErrno;
  }

  /**
   * Reads the group into the buffer; returns 0, or an errno: the read's own, or EINVAL when the
   * group's layout changed (member count or ids differ from the first read).
   */
  private int readGroup() {
    long got = readRetryingChildTeardown();
    if (got < 0) {
      return (int) -got;
    }
    if (grouped && reader.word(0) != size) {
      return Errno.EINVAL;
    }
    for (int i = 0; i < size; i++) {
      long id = grouped ? reader.word(4 + 2 * i) : reader.word(3);
      if (ids[i] == 0) {
        ids[i] = id;
      } else if (ids[i] != id) {
        return Errno.EINVAL;
      }
    }
    return 0;
  }

  /**
   * One {@code read(2)} of the leader, retried while the kernel answers ECHILD.
   *
   * <p>Why: with {@code inherit}, a {@code PERF_FORMAT_GROUP} read sums the group's copies in
   * every thread the test thread started, and {@code __perf_read_group_add} (kernel/events/core.c)
   * refuses the whole read with ECHILD when a copy's {@code nr_siblings} or {@code
   * group_generation} differs from the original's. That is the normal state of a thread that is
   * exiting: {@code perf_event_exit_task} detaches the copied events one by one, and detaching a
   * member ({@code perf_group_detach}) changes its copied leader's sibling count and generation
   * while that leader is still on the original leader's {@code child_list}; it leaves the list,
   * its counts and times folded into the original ({@code sync_child_event}), only when its own
   * turn comes. Java's {@code Thread.join} returns before the kernel thread has exited, so a read
   * right after joining a worker regularly lands in this window. Once the teardown is over the
   * read succeeds and includes the exited thread's totals, so retrying loses nothing; work the
   * calling thread does while retrying is counted (it happens after the workload ended, but the
   * counters are running), which is why it first only yields. A mismatch that outlasts {@link
   * #ECHILD_RETRY_NANOS} (a group changed for good) is returned as the error.
   *
   * @return the bytes read, or {@code -errno}
   */
  private long readRetryingChildTeardown() {
    long got = reader.read();
    if (got != -Errno.ECHILD || !grouped) {
      return got;
    }
    long start = System.nanoTime();
    long waited = 0;
    while (got == -Errno.ECHILD && waited < ECHILD_RETRY_NANOS) {
      if (waited < ECHILD_YIELD_NANOS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(ECHILD_PARK_NANOS);
      }
      got = reader.read();
      waited = System.nanoTime() - start;
    }
    return got;
  }

  /**
   * Reads the group and remembers the totals as the start of the next delta, adding nothing.
   * Returns 0 or the errno of a failed read (then the next {@link #sample} reports the members
   * not counted).
   */
  int mark() {
    int errno = readGroup();
    if (errno != 0) {
      readErrno = errno;
      return readErrno;
    }
    readErrno = 0;
    lastEnabled = reader.word(1);
    lastRunning = reader.word(2);
    for (int i = 0; i < size; i++) {
      last[i] = grouped ? reader.word(3 + 2 * i) : reader.word(0);
    }
    return 0;
  }

  /**
   * Reads the group and adds, per member, the count since the previous read to {@code
   * values[slot]}, scaled by enabled/running when multiplexed; lowers {@code fractions[slot]} to
   * running/enabled. A member that was enabled but never running gets {@code NaN} (not counted). A
   * thread that did not run at all (enabled time unchanged) adds nothing.
   */
  void sample(double[] values, double[] fractions) {
    boolean startValid = readErrno == 0;
    int errno = readGroup();
    if (errno != 0) {
      readErrno = errno;
      for (int i = 0; i < size; i++) {
        values[slots[i]] = Double.NaN;
        fractions[slots[i]] = Double.NaN;
      }
      return;
    }
    readErrno = 0;
    // both layouts keep time_enabled in word 1 and time_running in word 2
    long enabled = reader.word(1);
    long running = reader.word(2);
    long dEnabled = enabled - lastEnabled;
    long dRunning = running - lastRunning;
    lastEnabled = enabled;
    lastRunning = running;
    for (int i = 0; i < size; i++) {
      long value = grouped ? reader.word(3 + 2 * i) : reader.word(0);
      long delta = value - last[i];
      last[i] = value;
      int s = slots[i];
      if (!startValid) {
        // the start of this invocation could not be read: no honest delta
        values[s] = Double.NaN;
        fractions[s] = Double.NaN;
      } else if (dEnabled == 0) {
        continue; // the thread did not run at all: it adds nothing
      } else if (dRunning == 0) {
        values[s] = Double.NaN;
        fractions[s] = 0;
      } else {
        double scaled = dRunning < dEnabled ? delta * ((double) dEnabled / dRunning) : delta;
        values[s] += scaled;
        fractions[s] = Math.min(fractions[s], Math.min(1.0, (double) dRunning / dEnabled));
      }
    }
  }

  /** Closes every counter (members first); idempotent, never throws. */
  @Override
  public void close() {
    for (int i = size - 1; i >= 0; i--) {
      sys.close(fds[i]);
    }
    size = 0;
    Arrays.fill(last, 0);
    Arrays.fill(ids, 0);
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
