package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResampledMedianTest {

  /** n = 2: resamples (a,a) ¼, (a,b) or (b,a) ½, (b,b) ¼. */
  @Test
  void twoValuesByHand() {
    double[][] t = ResampledMedian.of(new double[] {10, 20}).table();
    assertArrayEquals(new double[] {10, 15, 20}, t[0]);
    assertArrayEquals(new double[] {0.25, 0.5, 0.25}, t[1], 1e-12);
  }

  /**
   * n = 3: the median is the smallest value when at least two of three draws hit it: 3·(1/3)²·(2/3)
   * + (1/3)³ = 7/27; the same for the largest; 13/27 for the middle one.
   */
  @Test
  void threeValuesByHand() {
    double[][] t = ResampledMedian.of(new double[] {1, 2, 3}).table();
    assertArrayEquals(new double[] {1, 2, 3}, t[0]);
    assertArrayEquals(new double[] {7 / 27.0, 13 / 27.0, 7 / 27.0}, t[1], 1e-12);
  }

  /** Against enumeration of all 4⁴ resamples of four values. */
  @Test
  void fourValuesByEnumeration() {
    double[] x = {1, 2, 4, 8};
    java.util.Map<Double, Double> expected = new java.util.TreeMap<>();
    for (int code = 0; code < 256; code++) {
      double[] r = {x[code & 3], x[code >> 2 & 3], x[code >> 4 & 3], x[code >> 6 & 3]};
      Arrays.sort(r);
      expected.merge((r[1] + r[2]) / 2, 1 / 256.0, Double::sum);
    }
    double[][] t = ResampledMedian.of(x).table();
    java.util.Map<Double, Double> actual = new java.util.TreeMap<>();
    for (int o = 0; o < t[0].length; o++) {
      actual.merge(t[0][o], t[1][o], Double::sum);
    }
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((m, p) -> assertEquals(p, actual.get(m), 1e-12, "median " + m));
  }

  @Test
  void probabilitiesSumToOne() {
    for (int n : new int[] {1, 5, 20, 21, 100, 200}) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = i;
      }
      double sum = Arrays.stream(ResampledMedian.of(v).table()[1]).sum();
      assertEquals(1.0, sum, 1e-9, "n = " + n);
    }
  }

  /** The same law as counting resamples: quantiles agree within Monte Carlo error. */
  @Test
  void agreesWithExplicitResampling() {
    double[] v = MedianBootstrapTest.lognormal(new SplittableRandom(3), 20, 100, 0.05);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    ResampledMedian exact = ResampledMedian.of(sorted);
    SplittableRandom r = new SplittableRandom(4);
    int draws = 40_000;
    double[] a = new double[draws];
    double[] b = new double[draws];
    for (int k = 0; k < draws; k++) {
      a[k] = exact.draw(r);
      double[] re = new double[20];
      for (int i = 0; i < 20; i++) {
        re[i] = v[r.nextInt(20)];
      }
      b[k] = Samples.median(re);
    }
    Arrays.sort(a);
    Arrays.sort(b);
    for (double q : new double[] {0.025, 0.25, 0.5, 0.75, 0.975}) {
      int i = (int) (q * draws);
      assertTrue(Math.abs(a[i] - b[i]) < 0.3, q + ": " + a[i] + " vs " + b[i]);
    }
  }
}
