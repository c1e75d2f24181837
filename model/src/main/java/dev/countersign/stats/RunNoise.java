package dev.countersign.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The between-run noise a baseline measured for one metric, from the statistic of each of the
 * baseline's groups (its promoted runs, and the forks within them): how far a further run of
 * unchanged code may lie from them.
 *
 * <p>On the <b>log scale</b>, because the noise of time is multiplicative: per-JVM outcomes of
 * one test come as factors (measured on the 2-vCPU VM: 0.4×, 1× and 2× of the same code), which
 * a log makes symmetric. With k group statistics relative to the pooled one, of logs with mean m̄
 * and sample standard deviation s, a further run's relative statistic x is judged by the
 * prediction statistic T = (ln x − m̄) / (s · √(1 + 1/k)), Student's t with k − 1 degrees of
 * freedom under "same code, same noise". Its two-sided p-value ({@link #pValue}) enters the
 * comparison's significance; the band exp(±h), h = t_{k−1} · s · √(1 + 1/k) ({@link
 * #halfWidth}), is what the notes show. With few runs the t quantile is large (12.7 for two
 * runs, 4.3 for three at 95%): the band is honest about how little two runs say.
 *
 * <p>s can be raised to the largest noise of the metric in the build ({@link #atLeast}): k runs
 * give k − 1 degrees of freedom, and three runs that happened to land in one per-JVM mode say ±2%
 * where the truth is a factor of 2 (docs/statistics.md, "Between-run noise", noise floor).
 *
 * @param groups how many runs (or forks) the estimate comes from; fewer than 2 = unknown
 * @param mean m̄, the mean of the logs of the group statistics relative to the pooled one (NaN
 *     when unknown)
 * @param sd s, their standard deviation (NaN when unknown; +∞ when a group measured 0 and others
 *     did not: no factor bounds that spread)
 * @param halfWidth h, the half-width of the prediction band on the log scale at the confidence it
 *     was computed for (0.04 ≈ ±4%); NaN when unknown
 * @param raised whether s is the largest noise of the metric in the build rather than this
 *     baseline's own, which was smaller ({@link #atLeast}, {@link NoiseFloor})
 */
public record RunNoise(int groups, double mean, double sd, double halfWidth, boolean raised) {

  /** No estimate: the baseline holds one run in one JVM (or its statistic is 0). */
  public static RunNoise unknown(int groups) {
    return new RunNoise(groups, Double.NaN, Double.NaN, Double.NaN, false);
  }

  /** Whether the baseline measured its between-run noise. */
  public boolean known() {
    return !Double.isNaN(sd);
  }

  /** The upper edge of the band, in percent above the baseline: (e^h − 1) · 100. */
  public double percent() {
    return Math.expm1(halfWidth) * 100;
  }

  /** The lower edge of the band, in percent below the baseline: (1 − e^−h) · 100. */
  public double percentBelow() {
    return -Math.expm1(-halfWidth) * 100;
  }

  /**
   * The two-sided p-value of a run whose statistic is {@code ratio} × the baseline's, under the
   * hypothesis that it is one more run of the same code; 1 (no evidence) when the noise is
   * unknown or unbounded, 0 for a ratio of 0 against a known finite noise.
   */
  public double pValue(double ratio) {
    if (!known() || Double.isInfinite(sd)) {
      return 1;
    }
    if (!(ratio > 0)) {
      return 0;
    }
    double scale = sd * Math.sqrt(1 + 1.0 / groups);
    double distance = Math.abs(Math.log(ratio) - mean);
    if (scale == 0) {
      return distance < 1e-12 ? 1 : 0;
    }
    return 2 * t(groups).cumulativeProbability(-distance / scale);
  }

  /**
   * This noise with s raised to {@code floorSd} (log scale) when it is smaller, the band
   * recomputed for {@code confidence}; itself when unknown or already at least that.
   */
  public RunNoise atLeast(double floorSd, double confidence) {
    if (!known() || !(floorSd > sd)) {
      return this;
    }
    return new RunNoise(groups, mean, floorSd, band(groups, floorSd, confidence), true);
  }

  /**
   * The noise of a baseline's samples.
   *
   * @param values the pooled baseline samples
   * @param groups one group label per value (run, fork), or empty = one group
   * @param confidence two-sided level of the band, e.g. 0.95
   */
  public static RunNoise of(double[] values, int[] groups, double confidence) {
    return of(values, groups, confidence, RoundStatistic.MEDIAN);
  }

  /**
   * The noise of a baseline's samples, each group stood for by {@code statistic} (the median; for
   * CPU time the 10th percentile, {@link RoundStatistic#forMetric}): then {@link #pValue} takes
   * the current run's same statistic relative to the pooled baseline's.
   */
  public static RunNoise of(double[] values, int[] groups, double confidence,
      RoundStatistic statistic) {
    int[][] members = Groups.members(values.length, groups);
    int k = members.length;
    double pooled = statistic.of(values);
    if (k < 2 || !(pooled > 0)) {
      return unknown(k);
    }
    double[] logs = new double[k];
    double mean = 0;
    for (int g = 0; g < k; g++) {
      double[] v = new double[members[g].length];
      for (int i = 0; i < v.length; i++) {
        v[i] = values[members[g][i]];
      }
      double rel = statistic.of(v) / pooled;
      if (!(rel > 0)) {
        // one run at 0, another not: a spread no factor bounds
        return new RunNoise(k, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            false);
      }
      logs[g] = Math.log(rel);
      mean += logs[g] / k;
    }
    double ss = 0;
    for (double x : logs) {
      ss += (x - mean) * (x - mean);
    }
    double s = Math.sqrt(ss / (k - 1));
    return new RunNoise(k, mean, s, band(k, s, confidence), false);
  }

  private static double band(int groups, double sd, double confidence) {
    return t(groups).inverseCumulativeProbability(0.5 + confidence / 2) * sd
        * Math.sqrt(1 + 1.0 / groups);
  }

  private static TDistribution t(int groups) {
    // no random generator: only the distribution functions are used
    return new TDistribution(null, groups - 1);
  }
}
