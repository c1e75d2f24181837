package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MannKendallTestTest {

  /** 1..8: S = 28, Var = 8·7·21/18 = 65.333, z = 27/√65.333 = 3.3404, p = 8.366e-4. */
  @Test
  void strictlyIncreasingSeries() {
    TrendResult t = MannKendallTest.test(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[0]);
    assertEquals(28, t.s());
    assertEquals(8.366271311193044e-4, t.pValue(), 1e-12);
    assertEquals(1.0, t.slopePerIteration());
    assertEquals(7.0, t.drift());
  }

  /**
   * With ties, by hand: {1,2,2,3,4,4,4,5}: S = 24; tie term 2·1·9 + 3·2·11 = 84; Var = (1176 −
   * 84)/18 = 60.667; z = 23/7.7889 = 2.95293; p = 0.0031478; Sen's slope 0.5.
   */
  @Test
  void tiesReduceTheVariance() {
    TrendResult t = MannKendallTest.test(new double[] {1, 2, 2, 3, 4, 4, 4, 5}, new int[0]);
    assertEquals(24, t.s());
    assertEquals(0.0031477598557005807, t.pValue(), 1e-12);
    assertEquals(0.5, t.slopePerIteration());
  }

  @Test
  void constantAndShortSeriesHaveNoTrend() {
    assertEquals(1.0, MannKendallTest.test(new double[] {3, 3, 3, 3, 3, 3, 3, 3, 3}, new int[0])
        .pValue());
    assertEquals(1.0, MannKendallTest.test(new double[] {1, 2, 3, 4, 5}, new int[0]).pValue());
  }

  @Test
  void noiseWithoutTrendIsNotSignificant() {
    SplittableRandom r = new SplittableRandom(11);
    double[] v = new double[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + r.nextGaussian();
    }
    assertTrue(MannKendallTest.test(v, new int[0]).pValue() > 0.05);
  }

  @Test
  void aShiftBetweenForksIsNotATrendWithinThem() {
    double[] v = new double[20];
    int[] fork = new int[20];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      fork[i] = i / 10;
      v[i] = (i < 10 ? 100 : 110) + r.nextGaussian() * 0.5;
    }
    assertTrue(MannKendallTest.test(v, new int[0]).pValue() < 0.001, "pooled: looks like a trend");
    assertTrue(MannKendallTest.test(v, fork).pValue() > 0.05, "per fork: none");
  }

  /**
   * A group longer than {@link MannKendallTest#SLOPE_POINTS}: S is counted in O(n log n) and must
   * equal the pairwise sum exactly (ties and -0.0 included); Sen's slope over the thinned series
   * still finds a known slope.
   */
  @Test
  void longGroupsGiveTheExactSAndTheSlope() {
    int n = 5_001;
    SplittableRandom r = new SplittableRandom(5);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // coarse values: many ties; a slope of 0.002 per iteration under noise of sd 1
      v[i] = Math.round((0.002 * i + r.nextGaussian()) * 4) / 4.0;
    }
    v[10] = -0.0;
    v[20] = 0.0;
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Math.signum(v[j] - v[i]);
      }
    }
    TrendResult t = MannKendallTest.test(v, new int[0]);
    assertEquals(s, t.s());
    assertTrue(t.pValue() < 1e-6, "p = " + t.pValue());
    assertEquals(0.002, t.slopePerIteration(), 0.0005);
    assertEquals(0.002 * (n - 1), t.drift(), 0.0005 * (n - 1));
  }

  @Test
  void aMillionIterationsAreTestedInBoundedMemory() {
    int n = 1_000_000;
    double[] v = new double[n];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < n; i++) {
      v[i] = 100 + r.nextGaussian();
    }
    TrendResult t = MannKendallTest.test(v, new int[0]);
    assertTrue(t.pValue() > 0.001, "no trend: p = " + t.pValue());
    assertEquals(0, t.slopePerIteration(), 1e-3);
  }
}
