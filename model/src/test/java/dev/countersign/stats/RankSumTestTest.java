package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankSumTestTest {

  private final RankSumTest test = new RankSumTest();

  /** Counts of U by hand: the C(m+n, m) orderings of two samples, grouped by U. */
  @Test
  void exactDistributionMatchesHandCountedSmallCases() {
    // m = n = 2: orderings xxyy(U_x=0) xyxy(1) xyyx(2) yxxy(2) yxyx(3) yyxx(4) -> 1,1,2,1,1 of 6
    assertArrayEquals(cdf(new int[] {1, 1, 2, 1, 1}), test.exactCdf(2, 2), 1e-15);
    // m = 2, n = 3: 10 orderings, counts 1,1,2,2,2,1,1
    assertArrayEquals(cdf(new int[] {1, 1, 2, 2, 2, 1, 1}), test.exactCdf(2, 3), 1e-15);
    assertArrayEquals(cdf(new int[] {1, 1, 2, 2, 2, 1, 1}), test.exactCdf(3, 2), 1e-15);
    // m = n = 3: 20 orderings, counts 1,1,2,3,3,3,3,2,1,1
    assertArrayEquals(cdf(new int[] {1, 1, 2, 3, 3, 3, 3, 2, 1, 1}), test.exactCdf(3, 3), 1e-15);
  }

  @Test
  void exactDistributionMatchesBruteForceEnumeration() {
    // every 4-subset of 9 ranks as the first sample; U = pairs where the first sample is larger
    int m = 4;
    int n = 5;
    int[] counts = new int[m * n + 1];
    for (int mask = 0; mask < 1 << (m + n); mask++) {
      if (Integer.bitCount(mask) != m) {
        continue;
      }
      int u = 0;
      for (int a = 0; a < m + n; a++) {
        for (int b = 0; b < a; b++) {
          if ((mask >> a & 1) == 1 && (mask >> b & 1) == 0) {
            u++;
          }
        }
      }
      counts[u]++;
    }
    assertArrayEquals(cdf(counts), test.exactCdf(m, n), 1e-14);
  }

  /** Critical values of the two-sided 5% test in the standard tables of U (e.g. Siegel 1956). */
  @Test
  void exactDistributionReproducesPublishedCriticalValues() {
    double[] ten = test.exactCdf(10, 10);
    assertTrue(ten[23] <= 0.025 && ten[24] > 0.025, "n1 = n2 = 10: critical U 23");
    double[] twenty = test.exactCdf(20, 20);
    assertTrue(twenty[127] <= 0.025 && twenty[128] > 0.025, "n1 = n2 = 20: critical U 127");
    assertEquals(0.02162852627248912, ten[23], 1e-12);
  }

  @Test
  void separatedSamplesGiveTheSmallestExactPValue() {
    RankSumResult r = test.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});
    assertTrue(r.exact());
    assertEquals(16, r.u());
    assertEquals(2.0 / 70, r.pValue(), 1e-15); // 2 / C(8, 4)
    RankSumResult three = test.test(new double[] {4, 5, 6}, new double[] {1, 2, 3});
    assertEquals(0, three.u());
    assertEquals(0.1, three.pValue(), 1e-15); // 2 / C(6, 3): n = 3 can never reach 5%
  }

  @Test
  void pValueIsSymmetricInTheSides() {
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[12];
    double[] y = new double[15];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextDouble() + 0.2;
    }
    RankSumResult a = test.test(x, y);
    RankSumResult b = test.test(y, x);
    assertEquals(a.pValue(), b.pValue(), 1e-15);
    assertEquals(12 * 15, a.u() + b.u(), 1e-12);
  }

  /**
   * Ties, by hand: x = {1, 2, 2, 3}, y = {2, 3, 4, 5}. Mid-ranks: 1→1, 2→3 (ranks 2–4), 3→5.5
   * (ranks 5–6), 4→7, 5→8. R_y = 3 + 5.5 + 7 + 8 = 23.5, U_y = 23.5 − 10 = 13.5, mean 8. Tie
   * term Σ(t³−t) = 24 + 6 = 30; σ² = 16/12·(9 − 30/56) = 11.285714; z = (5.5 − 0.5)/3.359422 =
   * 1.488351; p = 2·(1 − Φ(z)) = 0.1366582. The same value is given by R's {@code
   * wilcox.test(exact = FALSE, correct = TRUE)} and by SciPy 1.17 {@code mannwhitneyu(method =
   * "asymptotic", use_continuity = True)}.
   */
  @Test
  void tiesUseMidRanksTieCorrectedVarianceAndContinuityCorrection() {
    RankSumResult r = test.test(new double[] {1, 2, 2, 3}, new double[] {2, 3, 4, 5});
    assertFalse(r.exact());
    assertTrue(r.ties());
    assertEquals(13.5, r.u(), 1e-12);
    assertEquals(0.1366582477381475, r.pValue(), 1e-12);
  }

  @Test
  void allValuesTiedIsNoEvidence() {
    RankSumResult r = test.test(new double[] {5, 5, 5}, new double[] {5, 5, 5, 5});
    assertEquals(1.0, r.pValue());
  }

  @Test
  void largeSamplesUseTheNormalApproximation() {
    double[] x = new double[60];
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      x[i] = 2 * i;
      y[i] = 2 * i + 11; // distinct values, shifted
    }
    RankSumResult r = test.test(x, y);
    assertFalse(r.exact());
    assertFalse(r.ties());
    // U_y = 60·60 − (pairs with x > y): x_i > y_j ⇔ i > j + 5.5 → Σ_{j} (60 − j − 6) over j < 54
    double pairsXAbove = 0;
    for (int j = 0; j < 54; j++) {
      pairsXAbove += 54 - j;
    }
    double u = 3600 - pairsXAbove;
    assertEquals(u, r.u(), 1e-9);
    double sigma = Math.sqrt(60 * 60 / 12.0 * 121);
    double z = (Math.abs(u - 1800) - 0.5) / sigma;
    assertEquals(org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2)), r.pValue(), 1e-12);
  }

  @Test
  void emptySampleIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> test.test(new double[0], new double[] {1}));
    assertTrue(e.getMessage().contains("both sides"), e.getMessage());
  }

  private static double[] cdf(int[] counts) {
    double total = 0;
    for (int c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    double run = 0;
    for (int i = 0; i < counts.length; i++) {
      run += counts[i];
      out[i] = run / total;
    }
    return out;
  }
}
