package dev.countersign.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic builds for validating the engine: each build compares {@code metrics} metrics of
 * lognormal noise, {@code n} samples per side, through the real {@link StatisticalComparator}
 * (bootstrap, rank test, correction across the build, trend check). The statistics of a build are
 * computed once and judged at several thresholds, since only the verdict depends on the threshold.
 */
final class Simulation {

  private final StatisticalComparator engine;
  private final int metrics;
  private final int n;

  Simulation(ComparisonSettings settings, int metrics, int n) {
    this.engine = new StatisticalComparator(settings);
    this.metrics = metrics;
    this.n = n;
  }

  /** Counts over simulated builds, per threshold. */
  record Tally(double[] thresholds, int builds, int[] buildsWithRegression,
      int[] buildsWithImprovement, int[] buildsWithInconclusive, long[] regressions,
      long[] unchanged, long comparisons) {

    double regressionRate(int t) {
      return (double) buildsWithRegression[t] / builds;
    }
  }

  /**
   * A/A builds: both sides from the same lognormal distribution with coefficient of variation
   * {@code cv}.
   */
  Tally aa(int builds, double cv, double[] thresholds, long seed) {
    return run(builds, cv, 1.0, 0, false, thresholds, seed);
  }

  /**
   * Builds where metric 0 changes by {@code factor} (current = baseline × factor) and the others
   * do not; with {@code deterministic} every metric is constant on each side.
   */
  Tally shifted(int builds, double cv, double factor, boolean deterministic, double[] thresholds,
      long seed) {
    return run(builds, cv, factor, 1, deterministic, thresholds, seed);
  }

  private Tally run(int builds, double cv, double factor, int shiftedMetrics,
      boolean deterministic, double[] thresholds, long seed) {
    int k = thresholds.length;
    // one row of outcomes per build; each build draws from its own seed, so the figures do not
    // depend on how builds are spread over threads
    int[][] outcome = new int[builds][];
    IntStream.range(0, builds).parallel().forEach(b -> outcome[b] = build(
        new SplittableRandom(Seeds.of("build", Long.toString(seed), Integer.toString(b))), cv,
        factor, shiftedMetrics, deterministic, thresholds));
    int[] withRegression = new int[k];
    int[] withImprovement = new int[k];
    int[] withInconclusive = new int[k];
    long[] regressions = new long[k];
    long[] unchanged = new long[k];
    for (int[] o : outcome) {
      for (int t = 0; t < k; t++) {
        int reg = o[4 * t];
        regressions[t] += reg;
        withRegression[t] += reg > 0 ? 1 : 0;
        withImprovement[t] += o[4 * t + 1] > 0 ? 1 : 0;
        withInconclusive[t] += o[4 * t + 2] > 0 ? 1 : 0;
        unchanged[t] += o[4 * t + 3];
      }
    }
    return new Tally(thresholds, builds, withRegression, withImprovement, withInconclusive,
        regressions, unchanged, (long) builds * metrics);
  }

  /** Per threshold: regressions, improvements, inconclusive and unchanged verdicts of one build. */
  private int[] build(SplittableRandom random, double cv, double factor, int shiftedMetrics,
      boolean deterministic, double[] thresholds) {
    double sigma = Math.sqrt(Math.log(1 + cv * cv));
    List<ComparisonRequest> requests = new ArrayList<>(metrics);
    List<StatisticalComparator.Measured> measured = new ArrayList<>(metrics);
    for (int m = 0; m < metrics; m++) {
      // metric levels spread over five decades, as counters per op are
      double level = Math.pow(10, 1 + 5 * random.nextDouble());
      double[] base = new double[n];
      double[] cur = new double[n];
      double f = m < shiftedMetrics ? factor : 1.0;
      for (int i = 0; i < n; i++) {
        base[i] = deterministic ? level : level * Math.exp(sigma * random.nextGaussian());
        cur[i] = deterministic ? level * f : level * f * Math.exp(sigma * random.nextGaussian());
      }
      ComparisonRequest r = new ComparisonRequest("Sim.build", "metric" + m, base, cur, 0, false);
      requests.add(r);
      measured.add(engine.measure(r));
    }
    int[] out = new int[4 * thresholds.length];
    for (int t = 0; t < thresholds.length; t++) {
      List<ComparisonRequest> at = new ArrayList<>(metrics);
      for (ComparisonRequest r : requests) {
        at.add(new ComparisonRequest(r.test(), r.metric(), r.baseline(), r.current(),
            thresholds[t], false));
      }
      for (Comparison c : engine.decideAll(at, measured)) {
        switch (c.verdict()) {
          case REGRESSION -> out[4 * t]++;
          case IMPROVEMENT -> out[4 * t + 1]++;
          case INCONCLUSIVE -> out[4 * t + 2]++;
          case UNCHANGED -> out[4 * t + 3]++;
          default -> throw new IllegalStateException(c.verdict().toString());
        }
      }
    }
    return out;
  }
}
