package dev.countersign.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The exact distribution of the median of a bootstrap resample of one sample, for drawing
 * resampled medians by inverse transform: one uniform number per resample instead of n draws.
 * The draws have the distribution that resampling n values with replacement gives (up to floating
 * point rounding of the probabilities).
 *
 * <p>With the values sorted at positions 1..n, let C_k be the number of the n draws that fall at
 * positions ≤ k, binomial (n, k/n). For odd n (m = (n+1)/2) the resampled median is the value at
 * K = min{k : C_k ≥ m}, so P(K = k) = P(C_k ≥ m) − P(C_{k−1} ≥ m). For even n (h = n/2) it is
 * the mean of the values at L = min{k : C_k ≥ h} and U = min{k : C_k ≥ h+1}:
 *
 * <ul>
 *   <li>P(L = U = i) = P(C_i ≥ h+1) − P(C_{i−1} ≥ h+1) − P(C_{i−1} = h)·(1 − q_i), where q_i =
 *       ((n−i)/(n−i+1))^h is the chance that none of the h draws above position i−1 hits i;
 *   <li>P(L = i, U = j), i &lt; j: [P(C_i = h) − P(C_{i−1} = h)·q_i] · [((n−j+1)/(n−i))^h −
 *       ((n−j)/(n−i))^h], the second factor being the chance that the lowest of the h draws above
 *       position i lands at j.
 * </ul>
 */
final class ResampledMedian {

  /** Largest sample for which the distribution is tabulated (n² outcomes for even n). */
  static final int MAX_SIZE = 200;

  private final double[] medians;
  private final double[] cumulative;
  // Walker's alias table (built by Vose's method): a draw is one uniform number, one comparison
  private final double[] keep;
  private final int[] alias;

  private ResampledMedian(double[] medians, double[] cumulative) {
    this.medians = medians;
    this.cumulative = cumulative;
    int k = medians.length;
    keep = new double[k];
    alias = new int[k];
    double total = cumulative[k - 1];
    double[] scaled = new double[k];
    int[] small = new int[k];
    int[] large = new int[k];
    int ns = 0;
    int nl = 0;
    for (int o = 0; o < k; o++) {
      scaled[o] = (cumulative[o] - (o == 0 ? 0 : cumulative[o - 1])) / total * k;
      if (scaled[o] < 1) {
        small[ns++] = o;
      } else {
        large[nl++] = o;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      keep[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    // what is left holds probability 1 up to rounding
    while (nl > 0) {
      int l = large[--nl];
      keep[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      keep[s] = 1;
      alias[s] = s;
    }
  }

  /** The distribution for {@code sorted} (ascending, 1 ≤ length ≤ {@link #MAX_SIZE}). */
  static ResampledMedian of(double[] sorted) {
    int n = sorted.length;
    Counts c = new Counts(n);
    double[] med = new double[n % 2 == 1 ? n : n * (n + 1) / 2];
    double[] prob = new double[med.length];
    int k = 0;
    if (n % 2 == 1) {
      int m = (n + 1) / 2;
      for (int i = 1; i <= n; i++) {
        med[k] = sorted[i - 1];
        prob[k++] = Math.max(0, c.atLeast(i, m) - c.atLeast(i - 1, m));
      }
    } else {
      int h = n / 2;
      for (int i = 1; i <= n; i++) {
        double q = Math.pow((n - i) / (double) (n - i + 1), h);
        double prevH = c.exactly(i - 1, h);
        med[k] = sorted[i - 1];
        prob[k++] = Math.max(0, c.atLeast(i, h + 1) - c.atLeast(i - 1, h + 1) - prevH * (1 - q));
        double lowerAtI = Math.max(0, c.exactly(i, h) - prevH * q);
        for (int j = i + 1; j <= n; j++) {
          double above = n - i;
          double firstAtJ = Math.pow((n - j + 1) / above, h) - Math.pow((n - j) / above, h);
          med[k] = (sorted[i - 1] + sorted[j - 1]) / 2;
          prob[k++] = lowerAtI * firstAtJ;
        }
      }
    }
    double[] cum = new double[k];
    double run = 0;
    for (int o = 0; o < k; o++) {
      run += prob[o];
      cum[o] = run;
    }
    return new ResampledMedian(Arrays.copyOf(med, k), cum);
  }

  /** One resampled median. */
  double draw(SplittableRandom random) {
    double u = random.nextDouble() * keep.length;
    int slot = (int) u;
    return medians[u - slot < keep[slot] ? slot : alias[slot]];
  }

  /** Probabilities of the outcomes (for tests), in table order, with their medians. */
  double[][] table() {
    double[] p = new double[cumulative.length];
    for (int o = 0; o < p.length; o++) {
      p[o] = cumulative[o] - (o == 0 ? 0 : cumulative[o - 1]);
    }
    return new double[][] {medians.clone(), p};
  }

  /** C_k ~ Binomial(n, k/n), with C_0 = 0 and C_n = n exactly. */
  private static final class Counts {
    private final int n;
    private final BinomialDistribution[] byK;

    Counts(int n) {
      this.n = n;
      byK = new BinomialDistribution[n + 1];
      for (int k = 1; k < n; k++) {
        byK[k] = new BinomialDistribution(null, n, k / (double) n);
      }
    }

    /** P(C_k ≥ t). */
    double atLeast(int k, int t) {
      if (k == 0) {
        return t <= 0 ? 1 : 0;
      }
      if (k == n) {
        return t <= n ? 1 : 0;
      }
      return 1 - byK[k].cumulativeProbability(t - 1);
    }

    /** P(C_k = t). */
    double exactly(int k, int t) {
      if (k == 0) {
        return t == 0 ? 1 : 0;
      }
      if (k == n) {
        return t == n ? 1 : 0;
      }
      return byK[k].probability(t);
    }
  }
}
