package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrectionTest {

  private static final double[] P = {0.01, 0.04, 0.03, 0.005};

  /** Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max(0.06, 0.04) = 0.06. */
  @Test
  void holmStepsDownWithRunningMaximum() {
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Correction.HOLM.adjust(P), 1e-15);
  }

  /** Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04; running min. */
  @Test
  void benjaminiHochbergStepsUpWithRunningMinimum() {
    assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
        Correction.BENJAMINI_HOCHBERG.adjust(P), 1e-15);
  }

  @Test
  void noneLeavesPValuesAlone() {
    assertArrayEquals(P, Correction.NONE.adjust(P));
  }

  @Test
  void nanEntriesStayOutOfTheFamily() {
    double[] p = {0.01, Double.NaN, 0.04};
    double[] holm = Correction.HOLM.adjust(p);
    assertEquals(0.02, holm[0], 1e-15); // family of 2, not 3
    assertTrue(Double.isNaN(holm[1]));
    assertEquals(0.04, holm[2], 1e-15);
  }

  @Test
  void adjustedValuesNeverExceedOne() {
    double[] holm = Correction.HOLM.adjust(new double[] {0.5, 0.6, 0.9});
    for (double x : holm) {
      assertTrue(x <= 1.0);
    }
  }

  @Test
  void parsesPropertyValuesAndRejectsOthersWithTheValidOnes() {
    assertEquals(Correction.HOLM, Correction.parse("holm"));
    assertEquals(Correction.HOLM, Correction.parse(null));
    assertEquals(Correction.BENJAMINI_HOCHBERG, Correction.parse(" BH "));
    assertEquals(Correction.NONE, Correction.parse("none"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Correction.parse("bonferroni"));
    assertTrue(e.getMessage().contains("holm") && e.getMessage().contains("bh")
        && e.getMessage().contains("bonferroni"), e.getMessage());
  }
}
