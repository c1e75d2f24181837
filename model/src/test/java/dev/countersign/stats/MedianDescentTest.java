package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The large-sample way of drawing resampled medians ({@link MedianDescent}) has the distribution
 * of the ways it replaces: the exact law for one group, counting every draw for several groups.
 * Two-sample Kolmogorov–Smirnov distance of 40,000 draws each, against the 0.1% critical value
 * (1.95·√(2/40,000) = 0.0138; conservative for these discrete laws).
 */
class MedianDescentTest {

  private static final int DRAWS = 40_000;
  private static final double CRITICAL = 1.95 * Math.sqrt(2.0 / DRAWS);

  @Test
  void oneGroupOddAndEvenMatchTheExactLaw() {
    for (int n : new int[] {151, 150}) {
      double[] v = sample(n, 1);
      assertSameLaw(v, new int[0]);
    }
  }

  @Test
  void severalGroupsOfUnequalSizesMatchCounting() {
    double[] v = sample(901, 2);
    int[] groups = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      groups[i] = i < 300 ? 0 : i < 800 ? 1 : 2; // 300, 500 and 101 values
      v[i] += groups[i] * 3; // groups differ in level, as promoted runs can
    }
    assertSameLaw(v, groups);
    int[] even = Arrays.copyOf(groups, 900);
    assertSameLaw(Arrays.copyOf(v, 900), even);
  }

  @Test
  void bigSamplesGiveTheIntervalOfTheirShift() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 100_000;
    double[] base = new double[n];
    double[] cur = new double[n];
    int[] runs = new int[n];
    for (int i = 0; i < n; i++) {
      base[i] = 1000 * Math.exp(0.03 * r.nextGaussian());
      cur[i] = 1020 * Math.exp(0.03 * r.nextGaussian());
      runs[i] = i % 3;
    }
    MedianBootstrap.Interval one = MedianBootstrap.ratioInterval(base, new int[0], cur,
        new int[0], 7, 2_000, 0.95);
    MedianBootstrap.Interval three = MedianBootstrap.ratioInterval(base, runs, cur, new int[0],
        7, 2_000, 0.95);
    for (MedianBootstrap.Interval ci : new MedianBootstrap.Interval[] {one, three}) {
      assertTrue(ci.low() < 1.02 && ci.high() > 1.02, ci.toString());
      // the median of 10^5 values with CV 3% is known to about ±0.03%: a narrow interval
      assertTrue(ci.high() - ci.low() < 0.003, ci.toString());
    }
  }

  @Test
  void binomialDrawsHaveTheirMeanAndVariance() {
    SplittableRandom r = new SplittableRandom(1);
    for (int[] np : new int[][] {{7, 30}, {1_000, 50}, {100_000, 3}}) {
      int n = np[0];
      double p = np[1] / 100.0;
      double sum = 0;
      double sq = 0;
      int k = 20_000;
      BinomialDraw binomial = new BinomialDraw(n);
      for (int i = 0; i < k; i++) {
        int x = binomial.draw(r, n, p);
        assertTrue(x >= 0 && x <= n);
        sum += x;
        sq += (double) x * x;
      }
      double mean = sum / k;
      double var = sq / k - mean * mean;
      double sd = Math.sqrt(n * p * (1 - p));
      assertEquals(n * p, mean, 5 * sd / Math.sqrt(k), "mean of Bin(" + n + ", " + p + ")");
      assertEquals(sd * sd, var, 0.05 * sd * sd, "variance of Bin(" + n + ", " + p + ")");
    }
    assertEquals(0, new BinomialDraw(10).draw(r, 10, 0));
    assertEquals(10, new BinomialDraw(10).draw(r, 10, 1));
  }

  /** Coarse values (many ties) with a skewed spread. */
  private static double[] sample(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.round(100 * Math.exp(0.2 * r.nextGaussian()));
    }
    return v;
  }

  private static void assertSameLaw(double[] values, int[] groups) {
    double[] reference = draws(new MedianBootstrap.Resampler(values, groups, false), 11);
    double[] descent = draws(new MedianBootstrap.Resampler(values, groups, true), 12);
    double d = ksDistance(reference, descent);
    assertTrue(d < CRITICAL, "KS distance " + d + " >= " + CRITICAL + " for n = "
        + values.length);
  }

  private static double[] draws(MedianBootstrap.Resampler r, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      out[i] = r.nextMedian(random);
    }
    Arrays.sort(out);
    return out;
  }

  private static double ksDistance(double[] a, double[] b) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return d;
  }
}
