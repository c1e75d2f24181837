package dev.countersign.workloads.bench;

import dev.countersign.events.EventCatalog;
import dev.countersign.perf.CounterReader;
import dev.countersign.perf.LinuxPerfSyscalls;
import dev.countersign.perf.PerfEventAttr;
import dev.countersign.perf.ReadPath;
import java.util.List;

/**
 * A group of software events opened straight through the syscall binding, as the probe opens them
 * ({@code inherit}, leader disabled, {@code PERF_FORMAT_GROUP | TOTAL_TIME_ENABLED |
 * TOTAL_TIME_RUNNING | ID}), with a reader of the leader: the baseline the probe is measured
 * against.
 */
final class RawGroup implements AutoCloseable {

  /** The software events the benchmarks count, in order; the first n are used. */
  static final List<String> SOFTWARE = List.of("task-clock", "page-faults", "context-switches",
      "minor-faults", "cpu-migrations", "major-faults", "alignment-faults", "emulation-faults");

  private static final long GROUP_FORMAT = PerfEventAttr.FORMAT_GROUP
      | PerfEventAttr.FORMAT_TOTAL_TIME_ENABLED | PerfEventAttr.FORMAT_TOTAL_TIME_RUNNING
      | PerfEventAttr.FORMAT_ID;
  private static final long FD_CLOEXEC = 8;

  final LinuxPerfSyscalls sys;
  final int[] fds;
  final CounterReader reader;

  RawGroup(ReadPath path, int events) {
    sys = LinuxPerfSyscalls.load(path);
    fds = new int[events];
    for (int i = 0; i < events; i++) {
      long config = EventCatalog.SOFTWARE.indexOf(SOFTWARE.get(i));
      long flags = PerfEventAttr.INHERIT | (i == 0 ? PerfEventAttr.DISABLED : 0);
      PerfEventAttr attr = new PerfEventAttr(PerfEventAttr.TYPE_SOFTWARE, config, 0, 0,
          GROUP_FORMAT, flags);
      fds[i] = sys.perfEventOpen(attr.encode(PerfEventAttr.SIZE), 0, -1, i == 0 ? -1 : fds[0],
          FD_CLOEXEC);
      if (fds[i] < 0) {
        close();
        throw new IllegalStateException("perf_event_open refused " + SOFTWARE.get(i) + ": errno "
            + -fds[i]);
      }
    }
    reader = sys.reader(fds[0], 8 * (3 + 2 * events));
  }

  /** Enables the whole group, as the probe does at its first invocation; 0 or -errno. */
  int enable() {
    return sys.ioctl(fds[0], 0x2400, 1);
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
    }
    for (int i = fds.length - 1; i >= 0; i--) {
      if (fds[i] > 0) {
        sys.close(fds[i]);
      }
    }
  }
}
