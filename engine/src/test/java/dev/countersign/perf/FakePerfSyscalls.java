package dev.countersign.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A scriptable stand-in for the kernel behind {@link PerfSyscalls}, for the paths this machine
 * cannot produce (no PMU here): refusals by errno, E2BIG size write-back, multiplexed and
 * never-scheduled groups, groups that fill up. Counts are set by the test per fd.
 */
final class FakePerfSyscalls implements PerfSyscalls {

  /** One perf_event_open call as the kernel would see it. */
  record OpenCall(int type, long config, int size, long flags, long readFormat, int pid,
      int groupFd) {
    boolean has(long flag) {
      return (flags & flag) != 0;
    }
  }

  /** A counter the fake kernel holds. */
  static final class Counter {
    final int fd;
    final OpenCall call;
    final List<Counter> members = new ArrayList<>();
    long value;
    long enabled;
    long running;
    boolean open = true;
    String filter;

    Counter(int fd, OpenCall call) {
      this.fd = fd;
      this.call = call;
    }
  }

  /** Decides each open: 0 to accept, else the errno to refuse with. */
  ToIntFunction<OpenCall> rule = c -> 0;
  /** The size written back into attr.size when the rule answers E2BIG. */
  int e2bigSize = 112;
  /** The errno a filter is rejected with, 0 to accept it. */
  int filterErrno = 0;

  /**
   * How many group reads from now on are refused with ECHILD, as the kernel does while an
   * inherited copy of the group is being torn down; {@code Long.MAX_VALUE} for ever.
   */
  long echildReads = 0;
  /** Group reads refused with ECHILD so far. */
  long echildRefused = 0;

  final List<OpenCall> opens = new ArrayList<>();
  final List<String> ioctls = new ArrayList<>();
  final Map<Integer, Counter> counters = new LinkedHashMap<>();
  private int nextFd = 100;

  @Override
  public int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags) {
    ByteBuffer b = ByteBuffer.wrap(attr).order(ByteOrder.LITTLE_ENDIAN);
    OpenCall call = new OpenCall(b.getInt(0), b.getLong(8), b.getInt(4), b.getLong(40),
        b.getLong(32), pid, groupFd);
    opens.add(call);
    int errno = rule.applyAsInt(call);
    if (errno == Errno.E2BIG) {
      b.putInt(4, e2bigSize);
    }
    if (errno != 0) {
      return -errno;
    }
    if (groupFd != -1 && !isOpen(groupFd)) {
      return -Errno.EBADF;
    }
    Counter c = new Counter(nextFd++, call);
    counters.put(c.fd, c);
    if (groupFd != -1) {
      counters.get(groupFd).members.add(c);
    }
    return c.fd;
  }

  boolean isOpen(int fd) {
    Counter c = counters.get(fd);
    return c != null && c.open;
  }

  long openCount() {
    return counters.values().stream().filter(c -> c.open).count();
  }

  List<Counter> leaders() {
    return counters.values().stream().filter(c -> c.call.groupFd() == -1).toList();
  }

  @Override
  public int ioctl(int fd, long request, long arg) {
    if (!isOpen(fd)) {
      return -Errno.EBADF;
    }
    ioctls.add(Long.toHexString(request) + "/" + arg + "@" + fd);
    return 0;
  }

  @Override
  public int setFilter(int fd, String filter) {
    if (!isOpen(fd)) {
      return -Errno.EBADF;
    }
    if (filterErrno != 0) {
      return -filterErrno;
    }
    counters.get(fd).filter = filter;
    return 0;
  }

  @Override
  public CounterReader reader(int fd, int bytes) {
    long[] words = new long[bytes / 8];
    return new CounterReader() {
      @Override
      public long read() {
        return FakePerfSyscalls.this.read(fd, words);
      }

      @Override
      public long word(int index) {
        return words[index];
      }

      @Override
      public void close() {}
    };
  }

  private long read(int fd, long[] words) {
    long bytes = 8L * words.length;
    Counter c = counters.get(fd);
    if (c == null || !c.open) {
      return -Errno.EBADF;
    }
    long format = c.call.readFormat();
    if ((format & PerfEventAttr.FORMAT_GROUP) != 0) {
      if (echildReads > 0) {
        echildReads--;
        echildRefused++;
        return -Errno.ECHILD;
      }
      List<Counter> all = new ArrayList<>();
      all.add(c);
      all.addAll(c.members.stream().filter(m -> m.open).toList());
      long need = 8L * (3 + 2L * all.size());
      if (bytes < need) {
        return -Errno.ENOSPC;
      }
      words[0] = all.size();
      words[1] = c.enabled;
      words[2] = c.running;
      for (int i = 0; i < all.size(); i++) {
        words[3 + 2 * i] = all.get(i).value;
        words[4 + 2 * i] = all.get(i).fd;
      }
      return need;
    }
    if (bytes < 32) {
      return -Errno.ENOSPC;
    }
    words[0] = c.value;
    words[1] = c.enabled;
    words[2] = c.running;
    words[3] = c.fd;
    return 32;
  }

  @Override
  public int close(int fd) {
    Counter c = counters.get(fd);
    if (c == null || !c.open) {
      return -Errno.EBADF;
    }
    c.open = false;
    return 0;
  }
}
