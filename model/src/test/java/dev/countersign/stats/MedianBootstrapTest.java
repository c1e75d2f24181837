package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MedianBootstrapTest {

  @Test
  void sameSeedSameInterval() {
    double[] b = lognormal(new SplittableRandom(1), 20, 100, 0.03);
    double[] c = lognormal(new SplittableRandom(2), 20, 103, 0.03);
    MedianBootstrap.Interval one = MedianBootstrap.ratioInterval(b, new int[0], c, new int[0], 42,
        10_000, 0.95);
    MedianBootstrap.Interval two = MedianBootstrap.ratioInterval(b, new int[0], c, new int[0], 42,
        10_000, 0.95);
    assertEquals(one, two);
    MedianBootstrap.Interval other = MedianBootstrap.ratioInterval(b, new int[0], c, new int[0],
        43, 10_000, 0.95);
    assertNotEquals(one, other, "the seed is actually used");
  }

  /** The 95% interval of the median ratio covers the true ratio in roughly 95% of experiments. */
  @Test
  void intervalCoversTheTrueRatio() {
    SplittableRandom r = new SplittableRandom(2024);
    int covered = 0;
    int trials = 300;
    for (int k = 0; k < trials; k++) {
      double[] b = lognormal(r, 20, 100, 0.03);
      double[] c = lognormal(r, 20, 105, 0.03);
      MedianBootstrap.Interval ci = MedianBootstrap.ratioInterval(b, new int[0], c, new int[0], k,
          2_000, 0.95);
      if (ci.low() <= 1.05 && 1.05 <= ci.high()) {
        covered++;
      }
    }
    // a percentile interval of medians at n = 20 is a little liberal or conservative, never far
    assertTrue(covered >= 0.90 * trials && covered <= 0.99 * trials, "covered " + covered);
  }

  @Test
  void medianOfResamplesIsAnOrderStatisticOrMidpoint() {
    MedianBootstrap.Resampler odd = new MedianBootstrap.Resampler(new double[] {3, 1, 2},
        new int[0]);
    SplittableRandom r = new SplittableRandom(5);
    for (int k = 0; k < 1000; k++) {
      double m = odd.nextMedian(r);
      assertTrue(m == 1 || m == 2 || m == 3, "odd n: a sample value, was " + m);
    }
    MedianBootstrap.Resampler even = new MedianBootstrap.Resampler(new double[] {10, 20},
        new int[0]);
    for (int k = 0; k < 1000; k++) {
      double m = even.nextMedian(r);
      assertTrue(m == 10 || m == 15 || m == 20, "even n: a value or a midpoint, was " + m);
    }
  }

  /** Runs that differ among themselves widen the interval when resampled as runs. */
  @Test
  void groupedBaselineRunsWidenTheIntervalWhenTheyDiffer() {
    SplittableRandom r = new SplittableRandom(9);
    double[] base = new double[100];
    int[] runs = new int[100];
    for (int i = 0; i < 100; i++) {
      runs[i] = i / 20;
      double runLevel = 100 * (1 + 0.04 * (runs[i] - 2)); // runs at 92, 96, 100, 104, 108
      base[i] = runLevel * Math.exp(0.01 * r.nextGaussian());
    }
    double[] cur = lognormal(r, 20, 100, 0.01);
    MedianBootstrap.Interval flat = MedianBootstrap.ratioInterval(base, new int[0], cur,
        new int[0], 1, 10_000, 0.95);
    MedianBootstrap.Interval grouped = MedianBootstrap.ratioInterval(base, runs, cur, new int[0],
        1, 10_000, 0.95);
    double flatWidth = flat.high() - flat.low();
    double groupedWidth = grouped.high() - grouped.low();
    assertTrue(groupedWidth > 1.5 * flatWidth, flatWidth + " vs " + groupedWidth);
  }

  @Test
  void upperBoundOfTheMedianLiesAboveIt() {
    double[] v = lognormal(new SplittableRandom(4), 20, 50, 0.05);
    double median = Samples.median(v);
    double upper = MedianBootstrap.medianUpperBound(v, new int[0], 1, 10_000, 0.95);
    assertTrue(upper > median && upper < median * 1.1, median + " " + upper);
  }

  @Test
  void ratioDefinesZeroBaselines() {
    assertEquals(1.0, MedianBootstrap.ratio(0, 0));
    assertEquals(Double.POSITIVE_INFINITY, MedianBootstrap.ratio(0, 3));
    assertEquals(2.0, MedianBootstrap.ratio(2, 4));
  }

  static double[] lognormal(SplittableRandom r, int n, double median, double cv) {
    double sigma = Math.sqrt(Math.log(1 + cv * cv));
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = median * Math.exp(sigma * r.nextGaussian());
    }
    return v;
  }
}
