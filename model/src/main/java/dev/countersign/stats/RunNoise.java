package dev.countersign.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The between-run noise a baseline measured for one metric, from the medians of the baseline's
 * groups (its promoted runs, and the forks within them): how far the median of a further run of
 * unchanged code may lie from them.
 *
 * <p>With k group medians, relative to the pooled median, of mean m̄ and sample standard deviation
 * s, a further run's relative median x is judged by the prediction statistic T = (x − m̄) / (s ·
 * √(1 + 1/k)), Student's t with k − 1 degrees of freedom under "same code, same noise". Its
 * two-sided p-value ({@link #pValue}) enters the comparison's significance; the band of half-width
 * t_{k−1} · s · √(1 + 1/k) ({@link #halfWidth}) is what the notes show. With few runs the t
 * quantile is large (12.7 for two runs, 4.3 for three at 95%): the band is honest about how
 * little two runs say.
 *
 * @param groups how many runs (or forks) the estimate comes from; fewer than 2 = unknown
 * @param mean m̄, the mean of the group medians relative to the pooled median (NaN when unknown)
 * @param sd s, their standard deviation (NaN when unknown)
 * @param halfWidth half-width of the prediction band at the confidence it was computed for, as a
 *     fraction of the baseline median (0.04 = ±4%); NaN when unknown
 */
public record RunNoise(int groups, double mean, double sd, double halfWidth) {

  /** No estimate: the baseline holds one run in one JVM (or its median is 0). */
  public static RunNoise unknown(int groups) {
    return new RunNoise(groups, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Whether the baseline measured its between-run noise. */
  public boolean known() {
    return !Double.isNaN(sd);
  }

  /** The half-width in percent of the baseline median. */
  public double percent() {
    return halfWidth * 100;
  }

  /**
   * The two-sided p-value of a run whose median is {@code ratio} × the baseline median, under the
   * hypothesis that it is one more run of the same code; 1 (no evidence) when the noise is
   * unknown.
   */
  public double pValue(double ratio) {
    if (!known()) {
      return 1;
    }
    double scale = sd * Math.sqrt(1 + 1.0 / groups);
    double distance = Math.abs(ratio - mean);
    if (scale == 0) {
      return distance == 0 ? 1 : 0;
    }
    return 2 * t(groups).cumulativeProbability(-distance / scale);
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
    if (k < 2 || pooled == 0) {
      return unknown(k);
    }
    double[] rel = new double[k];
    double mean = 0;
    for (int g = 0; g < k; g++) {
      double[] v = new double[members[g].length];
      for (int i = 0; i < v.length; i++) {
        v[i] = values[members[g][i]];
      }
      rel[g] = statistic.of(v) / Math.abs(pooled);
      mean += rel[g] / k;
    }
    double ss = 0;
    for (double x : rel) {
      ss += (x - mean) * (x - mean);
    }
    double s = Math.sqrt(ss / (k - 1));
    double q = t(k).inverseCumulativeProbability(0.5 + confidence / 2);
    return new RunNoise(k, mean, s, q * s * Math.sqrt(1 + 1.0 / k));
  }

  private static TDistribution t(int groups) {
    // no random generator: only the distribution functions are used
    return new TDistribution(null, groups - 1);
  }
}
