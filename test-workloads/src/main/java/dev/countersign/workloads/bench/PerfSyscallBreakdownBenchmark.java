package dev.countersign.workloads.bench;

import com.sun.jna.Memory;
import dev.countersign.events.EventCatalog;
import dev.countersign.perf.LinuxPerfSyscalls;
import dev.countersign.perf.PerfEventAttr;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where {@link PerfOverheadBenchmark}'s time goes: the two group ioctls (enable, disable) and the
 * group read on their own, straight through the JNA binding, for the same 1, 4 and 8 software
 * events in one group (with {@code inherit}, as the probe opens them).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerfSyscallBreakdownBenchmark {

  private static final long ENABLE = 0x2400;
  private static final long DISABLE = 0x2401;
  private static final long FLAG_GROUP = 1;
  private static final long GROUP_FORMAT = 8 | 1 | 2 | 4;

  @Param({"1", "4", "8"})
  public int events;

  private LinuxPerfSyscalls sys;
  private int[] fds;
  private Memory buffer;
  private long bytes;

  @Setup(Level.Trial)
  public void open() {
    sys = LinuxPerfSyscalls.load();
    fds = new int[events];
    String[] names = {"task-clock", "page-faults", "context-switches", "minor-faults",
        "cpu-migrations", "major-faults", "alignment-faults", "emulation-faults"};
    for (int i = 0; i < events; i++) {
      long config = EventCatalog.SOFTWARE.indexOf(names[i]);
      long flags = PerfEventAttr.INHERIT | (i == 0 ? PerfEventAttr.DISABLED : 0);
      PerfEventAttr attr = new PerfEventAttr(PerfEventAttr.TYPE_SOFTWARE, config, 0, 0,
          GROUP_FORMAT, flags);
      fds[i] = sys.perfEventOpen(attr.encode(PerfEventAttr.SIZE), 0, -1, i == 0 ? -1 : fds[0], 8);
      if (fds[i] < 0) {
        throw new IllegalStateException("perf_event_open refused " + names[i] + ": " + fds[i]);
      }
    }
    bytes = 8L * (3 + 2L * events);
    buffer = new Memory(bytes);
  }

  @TearDown(Level.Trial)
  public void close() {
    for (int i = events - 1; i >= 0; i--) {
      sys.close(fds[i]);
    }
    buffer.close();
  }

  /** PERF_EVENT_IOC_ENABLE then PERF_EVENT_IOC_DISABLE on the leader, whole group. */
  @Benchmark
  public int enableDisable() {
    return sys.ioctl(fds[0], ENABLE, FLAG_GROUP) + sys.ioctl(fds[0], DISABLE, FLAG_GROUP);
  }

  /** One PERF_FORMAT_GROUP read of the (disabled) group. */
  @Benchmark
  public long groupRead() {
    return sys.read(fds[0], buffer, bytes);
  }
}
