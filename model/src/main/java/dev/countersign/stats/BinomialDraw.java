package dev.countersign.stats;

import java.util.SplittableRandom;

/**
 * Exact draws from binomial distributions by inversion from the mode (Kemp 1986, "chop-down"
 * search): one uniform number, then the probabilities are subtracted outwards from the mode,
 * alternately below and above it, each from its neighbour by the ratio of consecutive terms.
 * Expected work grows as √(n·p·(1−p)). The probability at the mode comes from a table of log k!
 * up to the largest n asked for.
 */
final class BinomialDraw {

  /** log k! for k = 0..max. */
  private final double[] logFactorial;

  /** @param max the largest number of trials {@link #draw} will be asked for */
  BinomialDraw(int max) {
    logFactorial = new double[max + 1];
    for (int k = 2; k <= max; k++) {
      logFactorial[k] = logFactorial[k - 1] + Math.log(k);
    }
  }

  /** A Binomial(n, p) variate, 0 ≤ n ≤ max, p in [0, 1]. */
  int draw(SplittableRandom random, int n, double p) {
    if (n == 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    double q = 1 - p;
    int mode = (int) Math.min(n, Math.floor((n + 1) * p));
    double atMode = Math.exp(logFactorial[n] - logFactorial[mode] - logFactorial[n - mode]
        + mode * Math.log(p) + (n - mode) * Math.log(q));
    double u = random.nextDouble();
    if (u < atMode) {
      return mode;
    }
    u -= atMode;
    double down = atMode;
    double up = atMode;
    int lo = mode;
    int hi = mode;
    double ratio = p / q;
    while (lo > 0 || hi < n) {
      if (lo > 0) {
        down *= lo / ((n - lo + 1) * ratio);
        lo--;
        if (u < down) {
          return lo;
        }
        u -= down;
      }
      if (hi < n) {
        up *= (n - hi) * ratio / (hi + 1);
        hi++;
        if (u < up) {
          return hi;
        }
        u -= up;
      }
    }
    return mode; // the probabilities summed to slightly less than u by rounding
  }
}
