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

  /**
   * Longest group whose pairwise slopes are all computed (about 2 million pairs). A longer group's
   * S is counted in O(n log n) and its Sen's slope taken over this many evenly spaced iterations,
   * so that memory and time stay bounded for long runs.
   */
  static final int SLOPE_POINTS = 2_000;

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
        int m = Math.min(g.length, SLOPE_POINTS);
        pairs += m * (m - 1) / 2;
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
      double[] sorted = new double[n];
      for (int i = 0; i < n; i++) {
        sorted[i] = values[g[i]] + 0.0; // -0.0 becomes 0.0: equal values are one rank
      }
      Arrays.sort(sorted);
      if (n <= SLOPE_POINTS) {
        for (int i = 0; i < n; i++) {
          double vi = values[g[i]];
          for (int j = i + 1; j < n; j++) {
            double d = values[g[j]] - vi;
            s += Math.signum(d);
            slopes[k++] = d / (j - i);
          }
        }
      } else {
        s += pairSignSum(values, g, sorted);
        k = thinnedSlopes(values, g, slopes, k);
      }
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

  /**
   * S = Σ_{i&lt;j} sign(v_j − v_i) of one group in O(n log n): a Fenwick tree over the ranks of
   * the values seen so far ({@code sorted}: the group's values ascending, -0.0 as 0.0) counts, for
   * each j, the earlier values below and above it. The same S
   * as the pairwise sum (the sign of a difference of two finite doubles is their order).
   */
  private static double pairSignSum(double[] values, int[] g, double[] sorted) {
    int n = g.length;
    double[] distinct = new double[n];
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != distinct[d - 1]) {
        distinct[d++] = sorted[i];
      }
    }
    long[] tree = new long[d + 1];
    long s = 0;
    for (int j = 0; j < n; j++) {
      int rank = Arrays.binarySearch(distinct, 0, d, values[g[j]] + 0.0) + 1; // 1-based
      long below = count(tree, rank - 1);
      long atOrBelow = count(tree, rank);
      long above = j - atOrBelow;
      s += below - above;
      for (int r = rank; r <= d; r += r & -r) {
        tree[r]++;
      }
    }
    return s;
  }

  /** How many values seen so far have a rank of at most {@code rank}. */
  private static long count(long[] tree, int rank) {
    long c = 0;
    for (int r = rank; r > 0; r -= r & -r) {
      c += tree[r];
    }
    return c;
  }

  /**
   * The pairwise slopes among {@value #SLOPE_POINTS} evenly spaced iterations of a longer group,
   * written from {@code k}; returns the next free index. Sen's slope of the thinned series
   * estimates the same slope; the trend's significance (S) still uses every iteration.
   */
  private static int thinnedSlopes(double[] values, int[] g, double[] slopes, int k) {
    int n = g.length;
    int[] at = new int[SLOPE_POINTS];
    for (int q = 0; q < SLOPE_POINTS; q++) {
      at[q] = (int) ((long) q * (n - 1) / (SLOPE_POINTS - 1));
    }
    for (int a = 0; a < SLOPE_POINTS; a++) {
      double va = values[g[at[a]]];
      for (int b = a + 1; b < SLOPE_POINTS; b++) {
        slopes[k++] = (values[g[at[b]]] - va) / (at[b] - at[a]);
      }
    }
    return k;
  }
}
