package dev.countersign.workloads.bench;

import dev.countersign.perf.ReadPath;
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
 * group read on their own, straight through the syscall binding, for the same 1, 4 and 8 software
 * events in one group (with {@code inherit}, as the probe opens them), read through JNA or FFM
 * ({@code -p path=JNA} on JDK 17 to 21).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerfSyscallBreakdownBenchmark {

  private static final long ENABLE = 0x2400;
  private static final long DISABLE = 0x2401;
  private static final long FLAG_GROUP = 1;

  @Param({"1", "4", "8"})
  public int events;

  /** How the group is read. */
  @Param({"FFM", "JNA"})
  public ReadPath path;

  private RawGroup group;

  @Setup(Level.Trial)
  public void open() {
    group = new RawGroup(path, events);
  }

  @TearDown(Level.Trial)
  public void close() {
    group.close();
  }

  /** PERF_EVENT_IOC_ENABLE then PERF_EVENT_IOC_DISABLE on the leader, whole group. */
  @Benchmark
  public int enableDisable() {
    return group.sys.ioctl(group.fds[0], ENABLE, FLAG_GROUP)
        + group.sys.ioctl(group.fds[0], DISABLE, FLAG_GROUP);
  }

  /** One PERF_FORMAT_GROUP read of the (disabled) group. */
  @Benchmark
  public long groupRead() {
    return group.reader.read();
  }
}
