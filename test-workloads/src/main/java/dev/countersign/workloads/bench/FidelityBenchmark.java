package dev.countersign.workloads.bench;

import dev.countersign.workloads.fidelity.Corpus;
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
 * The real time of each side of each fidelity pair ({@link Corpus}), JIT-warmed, without the
 * simulator's agent. {@code FidelityFiguresTest} runs it with every pair ({@code -p pair=...}) and
 * sets it beside the simulated counts; defaults here are for a run by hand.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 200, timeUnit = TimeUnit.MILLISECONDS)
public class FidelityBenchmark {

  /** A pair's name ({@link dev.countersign.workloads.fidelity.FidelityPair#name()}). */
  @Param("list-contains-to-set")
  public String pair;

  @Param({"before", "after"})
  public String side;

  private LongSupplier operation;

  @Setup
  public void setUp() {
    operation = Corpus.pair(pair).side(side).get();
  }

  @Benchmark
  public long operation() {
    return operation.getAsLong();
  }
}
