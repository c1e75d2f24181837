package dev.countersign.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.special.Erf;

/**
 * The Wilcoxon–Mann–Whitney rank-sum test, done right for small samples and ties (which commons
 * math's {@code MannWhitneyUTest} is not: it always uses the normal approximation, with neither
 * tie nor continuity correction).
 *
 * <ul>
 *   <li>No ties and both samples at most {@value #EXACT_LIMIT}: the exact null distribution of U,
 *       counted by dynamic programming over the recurrence N(m, n, u) = N(m−1, n, u−n) + N(m, n−1,
 *       u) (the largest of the m + n values belongs to either sample; Mann &amp; Whitney 1947).
 *   <li>Otherwise: the normal approximation with mid-ranks, the tie-corrected variance
 *       σ² = m·n/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of ½.
 * </ul>
 *
 * <p>Exact distributions are cached per instance by sample sizes; an instance is safe to share
 * between threads.
 */
public final class RankSumTest {

  /** Largest sample size (per side) for which the exact distribution is used. */
  public static final int EXACT_LIMIT = 50;

  private final Map<Long, double[]> cdfCache = new ConcurrentHashMap<>();

  /** Two-sided test of {@code y} against {@code x}; neither may be empty or contain NaN. */
  public RankSumResult test(double[] x, double[] y) {
    int m = x.length;
    int n = y.length;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException("rank-sum test needs samples on both sides, got " + m
          + " and " + n + " values");
    }
    double[] xs = x.clone();
    double[] ys = y.clone();
    Arrays.sort(xs);
    Arrays.sort(ys);
    // walk both sorted samples together, one group of equal values at a time: mid-ranks and the
    // tie term Σ(t³−t) without an index sort
    double rankSumY = 0;
    double tieTerm = 0;
    int i = 0;
    int j = 0;
    int below = 0;
    while (i < m || j < n) {
      double v = i < m && (j >= n || xs[i] <= ys[j]) ? xs[i] : ys[j];
      int cx = 0;
      while (i < m && xs[i] == v) {
        i++;
        cx++;
      }
      int cy = 0;
      while (j < n && ys[j] == v) {
        j++;
        cy++;
      }
      double t = cx + cy;
      double midRank = below + (t + 1) / 2.0;
      rankSumY += cy * midRank;
      tieTerm += t * t * t - t;
      below += cx + cy;
    }
    double u = rankSumY - n * (n + 1) / 2.0;
    boolean ties = tieTerm > 0;
    if (!ties && m <= EXACT_LIMIT && n <= EXACT_LIMIT) {
      return new RankSumResult(u, exactTwoSided(m, n, (int) Math.round(u)), true, false);
    }
    return new RankSumResult(u, normalTwoSided(m, n, u, tieTerm), false, ties);
  }

  /** Two-sided p-value under the normal approximation with tie and continuity correction. */
  static double normalTwoSided(int m, int n, double u, double tieTerm) {
    double total = m + n;
    double variance = m * (double) n / 12.0 * ((total + 1) - tieTerm / (total * (total - 1)));
    if (!(variance > 0)) {
      return 1.0; // every value tied: no evidence of any difference
    }
    double distance = Math.abs(u - m * (double) n / 2.0) - 0.5;
    if (distance <= 0) {
      return 1.0;
    }
    double z = distance / Math.sqrt(variance);
    return Math.min(1.0, Erf.erfc(z / Math.sqrt(2.0)));
  }

  /** Two-sided exact p-value: twice the smaller tail, at most 1. */
  double exactTwoSided(int m, int n, int u) {
    double[] cdf = exactCdf(m, n);
    double lower = cdf[u];
    double upper = 1.0 - (u == 0 ? 0.0 : cdf[u - 1]);
    return Math.min(1.0, 2.0 * Math.min(lower, upper));
  }

  /**
   * P(U ≤ u) for u = 0..m·n under the null hypothesis, no ties. The distribution of U for (m, n)
   * equals that for (n, m), so it is cached under the ordered pair.
   */
  double[] exactCdf(int m, int n) {
    int a = Math.min(m, n);
    int b = Math.max(m, n);
    return cdfCache.computeIfAbsent(((long) a << 32) | b, k -> computeCdf(a, b));
  }

  /** Counts N(a, b, u) by the recurrence, rolling over the first size; doubles never overflow. */
  static double[] computeCdf(int a, int b) {
    // prev[j] = N(i−1, j, ·), cur[j] = N(i, j, ·); N(0, j, ·) = N(i, 0, ·) = [u = 0]
    double[][] prev = new double[b + 1][];
    for (int j = 0; j <= b; j++) {
      prev[j] = new double[] {1.0};
    }
    for (int i = 1; i <= a; i++) {
      double[][] cur = new double[b + 1][];
      cur[0] = new double[] {1.0};
      for (int j = 1; j <= b; j++) {
        double[] c = new double[i * j + 1];
        double[] fromPrev = prev[j]; // largest value in the first sample: it beats all j others
        for (int u = j; u - j < fromPrev.length; u++) {
          c[u] += fromPrev[u - j];
        }
        double[] fromCur = cur[j - 1]; // largest value in the second sample: it adds nothing to U
        for (int u = 0; u < fromCur.length; u++) {
          c[u] += fromCur[u];
        }
        cur[j] = c;
      }
      prev = cur;
    }
    double[] counts = prev[b];
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double[] cdf = new double[counts.length];
    double running = 0;
    for (int u = 0; u < counts.length; u++) {
      running += counts[u];
      cdf[u] = Math.min(1.0, running / total);
    }
    return cdf;
  }
}
