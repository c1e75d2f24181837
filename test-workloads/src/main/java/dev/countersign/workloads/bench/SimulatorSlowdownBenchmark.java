package dev.countersign.workloads.bench;

import dev.countersign.sim.agent.Machine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Slowdown of one measured invocation under the simulator, against the same workload
 * uninstrumented. Levels: {@code plain} (original bytecode), {@code idle} (instrumented, no
 * iteration measured: the cost instrumented code pays outside measurement), {@code counting}
 * (instructions, branches, allocation: what a probe of only those events runs) and {@code full}
 * (caches, TLBs, branch predictor and cycles as well). Run without the agent:
 *
 * <pre>java -cp target/classes:$(deps) org.openjdk.jmh.Main SimulatorSlowdown</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SimulatorSlowdownBenchmark {

  @Param({"checksum", "encode"})
  public String workload;

  @Param({"plain", "idle", "counting", "full"})
  public String level;

  private MethodHandle call;
  private Machine machine;

  @Setup
  public void setUp() throws Throwable {
    String type = switch (workload) {
      case "checksum" -> "dev.countersign.workloads.Checksum";
      case "encode" -> "dev.countersign.workloads.RecordEncoder";
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
    ClassLoader loader = new InstrumentingLoader(Set.of(type), !level.equals("plain"));
    Class<?> c = loader.loadClass(type);
    Object instance = c.getConstructor(boolean.class).newInstance(false);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    if (workload.equals("checksum")) {
      byte[] data = new byte[256 * 1024];
      new Random(1).nextBytes(data);
      call = lookup.findVirtual(c, "hash", MethodType.methodType(int.class, byte[].class))
          .bindTo(instance).bindTo(data);
    } else {
      call = MethodHandles.insertArguments(
          lookup.findVirtual(c, "encode", MethodType.methodType(int.class, int.class))
              .bindTo(instance), 0, 10_000);
    }
    machine = SimulatorLevels.machine(level);
  }

  /** One measured invocation, bracketed as a probe brackets it. */
  @Benchmark
  public Object invocation() throws Throwable {
    Machine m = machine;
    if (m == null) {
      return call.invoke();
    }
    m.begin();
    try {
      return call.invoke();
    } finally {
      m.end();
    }
  }
}
