package dev.countersign.workloads.jmh;

import dev.countersign.workloads.RecordEncoder;
import dev.countersign.workloads.Regressions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The allocation workload as a JMH benchmark (throughput: higher is better), for the JMH gate and
 * the Countersign profiler. The regressed twin is selected like the perf tests' one: {@code
 * -Dcountersign.workloads.regressed=allocation} in the benchmark's JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecordEncoderBenchmark {

  /** Records encoded per operation. */
  public static final int RECORDS = 100;

  private RecordEncoder encoder;

  @Setup
  public void setUp() {
    encoder = new RecordEncoder(Regressions.regressed("allocation"));
  }

  @Benchmark
  public int encode() {
    return encoder.encode(RECORDS);
  }
}
