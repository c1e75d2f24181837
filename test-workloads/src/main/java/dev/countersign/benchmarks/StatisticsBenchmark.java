package dev.countersign.benchmarks;

import dev.countersign.stats.Comparison;
import dev.countersign.stats.ComparisonRequest;
import dev.countersign.stats.ComparisonSettings;
import dev.countersign.stats.StatisticalComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the statistics engine costs for one build of 50 metrics, 20 samples per side, with the
 * default 10,000 bootstrap resamples: {@code oneRunBaseline} draws resampled medians from their
 * exact law (one random number per resample), {@code twoRunBaseline} has the baseline pooled from
 * two promoted runs and so resamples by counting (two stages, 20 draws per side and resample).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatisticsBenchmark {

  private List<ComparisonRequest> oneRun;
  private List<ComparisonRequest> twoRuns;
  private final StatisticalComparator engine =
      new StatisticalComparator(ComparisonSettings.defaults());

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    oneRun = new ArrayList<>();
    twoRuns = new ArrayList<>();
    int[] runs = new int[20];
    for (int i = 10; i < 20; i++) {
      runs[i] = 1;
    }
    for (int m = 0; m < 50; m++) {
      double[] base = new double[20];
      double[] cur = new double[20];
      for (int i = 0; i < 20; i++) {
        base[i] = 1000 * Math.exp(0.03 * r.nextGaussian());
        cur[i] = 1000 * Math.exp(0.03 * r.nextGaussian());
      }
      oneRun.add(new ComparisonRequest("Bench.build", "metric" + m, base, cur, 5, false));
      twoRuns.add(new ComparisonRequest("Bench.build", "metric" + m, base, cur, 5, false, runs,
          new int[0]));
    }
  }

  @Benchmark
  public List<Comparison> oneRunBaseline() {
    return engine.compareAll(oneRun);
  }

  @Benchmark
  public List<Comparison> twoRunBaseline() {
    return engine.compareAll(twoRuns);
  }
}
