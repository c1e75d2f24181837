package dev.countersign.stats;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Mann–Kendall test for a monotonic trend across iterations (Mann 1945, Kendall 1975), with the
 * tie-corrected variance Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 and a continuity
 * correction; with several groups (forks) the statistic and variance are summed over groups, as in
 * the seasonal test of Hirsch, Slack and Smith (1982), so a shift between JVMs is not a trend.
 * The size of the trend is Sen's slope (Sen 1968), the median of the pairwise slopes.
 */
public final class MannKendallTest {

  /** Fewest values in a group for it to enter the test. */
  public static final int MIN_VALUES = 8;

  private MannKendallTest() {}

  /**
   * Tests {@code values} (in iteration order) for a trend, within each group.
   *
   * @param groups group index per value (e.g. fork), or an empty array for one group
   */
  public static TrendResult test(double[] values, int[] groups) {
    int[][] members = Groups.members(values.length, groups);
    double s = 0;
    double variance = 0;
    int pairs = 0;
    long lengthSum = 0;
    int tested = 0;
    for (int[] g : members) {
      if (g.length >= MIN_VALUES) {
        pairs += g.length * (g.length - 1) / 2;
        lengthSum += g.length;
        tested++;
      }
    }
    if (tested == 0) {
      return TrendResult.none();
    }
    double[] slopes = new double[pairs];
    int k = 0;
    for (int[] g : members) {
      int n = g.length;
      if (n < MIN_VALUES) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        double vi = values[g[i]];
        for (int j = i + 1; j < n; j++) {
          double d = values[g[j]] - vi;
          s += Math.signum(d);
          slopes[k++] = d / (j - i);
        }
      }
      double[] sorted = new double[n];
      for (int i = 0; i < n; i++) {
        sorted[i] = values[g[i]];
      }
      Arrays.sort(sorted);
      double ties = 0;
      for (int i = 0; i < n; ) {
        int t = 1;
        while (i + t < n && sorted[i + t] == sorted[i]) {
          t++;
        }
        ties += t * (t - 1.0) * (2.0 * t + 5);
        i += t;
      }
      variance += (n * (n - 1.0) * (2.0 * n + 5) - ties) / 18.0;
    }
    double p;
    if (!(variance > 0) || s == 0) {
      p = 1.0;
    } else {
      double z = (Math.abs(s) - 1) / Math.sqrt(variance);
      p = z <= 0 ? 1.0 : Math.min(1.0, Erf.erfc(z / Math.sqrt(2.0)));
    }
    double slope = Samples.select(slopes, slopes.length / 2);
    if (slopes.length % 2 == 0) {
      slope = (slope + Samples.select(slopes, slopes.length / 2 - 1)) / 2;
    }
    double span = (double) lengthSum / tested - 1;
    return new TrendResult(s, p, slope, slope * span);
  }
}
