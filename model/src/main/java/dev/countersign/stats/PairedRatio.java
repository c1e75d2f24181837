package dev.countersign.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The paired comparison of A and B over rounds run alternately on one machine: per round r the
 * ratio B_r / A_r of the two sides' medians, so that whatever slowed the machine in that round
 * slowed both sides and cancels. On the log ratios ℓ_r: their mean is the effect (ratio =
 * exp(mean)), the interval is Student's t interval of the mean, exp(mean ± t_{n−1} · s / √n), and
 * the p-value is the two-sided paired t-test of mean 0.
 *
 * @param rounds n, the rounds compared
 * @param ratio geometric mean of the per-round ratios B / A
 * @param low lower bound of the interval of the ratio
 * @param high upper bound
 * @param pValue two-sided p-value of the paired t-test, before any correction (NaN when fewer
 *     than two rounds)
 */
public record PairedRatio(int rounds, double ratio, double low, double high, double pValue) {

  /**
   * Measures the per-round medians of both sides.
   *
   * @param a per round, A's median (the base revision); all &gt; 0
   * @param b per round, B's median (this working tree); all &gt; 0
   * @param confidence two-sided level of the interval, e.g. 0.95
   * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold a value
   *     that is not a finite positive number (a ratio is undefined for a median of 0)
   */
  public static PairedRatio of(double[] a, double[] b, double confidence) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("paired rounds: " + a.length + " of A, " + b.length
          + " of B; both sides need the same rounds, at least one");
    }
    int n = a.length;
    double[] l = new double[n];
    double mean = 0;
    for (int r = 0; r < n; r++) {
      if (!(a[r] > 0 && b[r] > 0) || Double.isInfinite(a[r]) || Double.isInfinite(b[r])) {
        throw new IllegalArgumentException("round " + (r + 1) + ": medians " + a[r] + " (A) and "
            + b[r] + " (B); a ratio needs finite medians above 0");
      }
      l[r] = Math.log(b[r] / a[r]);
      mean += l[r] / n;
    }
    if (n == 1) {
      double ratio = Math.exp(mean);
      return new PairedRatio(1, ratio, Double.NaN, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double x : l) {
      ss += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    if (se == 0) {
      double ratio = Math.exp(mean);
      return new PairedRatio(n, ratio, ratio, ratio, mean == 0 ? 1 : 0);
    }
    TDistribution t = new TDistribution(null, n - 1);
    double q = t.inverseCumulativeProbability(0.5 + confidence / 2);
    double p = 2 * t.cumulativeProbability(-Math.abs(mean) / se);
    return new PairedRatio(n, Math.exp(mean), Math.exp(mean - q * se), Math.exp(mean + q * se), p);
  }

  /** The change in percent: (ratio − 1) × 100. */
  public double changePercent() {
    return (ratio - 1) * 100;
  }
}
