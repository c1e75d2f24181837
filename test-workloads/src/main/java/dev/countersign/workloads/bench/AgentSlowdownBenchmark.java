package dev.countersign.workloads.bench;

import dev.countersign.sim.agent.Machine;
import dev.countersign.workloads.Checksum;
import dev.countersign.workloads.RecordEncoder;
import dev.countersign.workloads.fidelity.Corpus;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * Slowdown of one measured invocation with the real agent, the JDK and the dependencies counted
 * as well (what {@link SimulatorSlowdownBenchmark}'s class loader cannot instrument). The levels
 * run in different JVMs: {@code plain} without the agent; {@code idle} (instrumented, nothing
 * measured), {@code counting} (instructions, branches, allocation) and {@code full} (caches, TLBs,
 * predictor, cycles) with the agent of {@code prepare-agent}. {@code AgentSlowdownFiguresTest}
 * starts both JMH runs and divides; workloads: {@code checksum} (FNV-1a over 256 KiB, user code
 * only), {@code encode} ({@code RecordEncoder}, 10 000 records), {@code hashmap} (2 000 puts and
 * gets in a {@code HashMap}: JDK code) and {@code jackson} (a 300-object JSON document parsed to
 * a tree: a dependency).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentSlowdownBenchmark {

  @Param({"checksum", "encode", "hashmap", "jackson"})
  public String workload;

  @Param({"plain", "idle", "counting", "full"})
  public String level;

  private LongSupplier call;
  private Machine machine;

  @Setup
  public void setUp() {
    call = switch (workload) {
      case "checksum" -> {
        byte[] data = new byte[256 * 1024];
        new Random(1).nextBytes(data);
        Checksum checksum = new Checksum(false);
        yield () -> checksum.hash(data);
      }
      case "encode" -> {
        RecordEncoder encoder = new RecordEncoder(false);
        yield () -> encoder.encode(10_000);
      }
      case "hashmap" -> Corpus.pair("treemap-to-hashmap").after().get();
      case "jackson" -> Corpus.pair("jackson-tree-to-streaming").before().get();
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
    machine = SimulatorLevels.machine(level);
  }

  /** One measured invocation, bracketed as a probe brackets it. */
  @Benchmark
  public long invocation() {
    Machine m = machine;
    if (m == null) {
      return call.getAsLong();
    }
    m.begin();
    try {
      return call.getAsLong();
    } finally {
      m.end();
    }
  }
}
