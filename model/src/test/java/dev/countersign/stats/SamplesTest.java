package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplesTest {

  @Test
  void selectAndBothEndsAgreeWithSorting() {
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + r.nextInt(3000);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(50) + r.nextDouble();
        if (r.nextInt(20) == 0) {
          a[i] = Double.POSITIVE_INFINITY; // unbounded ratios occur
        }
      }
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = r.nextInt(n);
      assertEquals(sorted[k], Samples.select(a.clone(), k));
      int e = Math.min(k, n - 1 - k);
      double[] copy = a.clone();
      assertArrayEquals(new double[] {sorted[e], sorted[n - 1 - e]},
          Samples.kthFromBothEnds(a, e));
      assertArrayEquals(copy, a, "left unchanged");
    }
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2, Samples.median(new double[] {3, 1, 2}));
    assertEquals(2.5, Samples.median(new double[] {4, 1, 3, 2}));
    assertEquals(Double.NaN, Samples.median(new double[0]));
  }
}
