package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedRatioTest {

  @Test
  void tIntervalAndPairedTestOfTheLogRatios() {
    // log ratios ln 1.10, ln 1.12, ln 1.08; reference values from SciPy (stats.t, 2 df)
    PairedRatio p = PairedRatio.of(new double[] {100, 100, 100}, new double[] {110, 112, 108},
        0.95);
    assertEquals(3, p.rounds());
    assertEquals(1.0998788, p.ratio(), 1e-7);
    assertEquals(1.0513008, p.low(), 1e-7);
    assertEquals(1.1507014, p.high(), 1e-7);
    assertEquals(0.0119441, p.pValue(), 1e-7);
    assertEquals(9.98788, p.changePercent(), 1e-5);
  }

  @Test
  void aDriftThatHitsBothSidesCancels() {
    // the machine slows down round by round; B is 5% slower than A in every round
    double[] a = {100, 130, 170, 90};
    double[] b = {105, 136.5, 178.5, 94.5};
    PairedRatio p = PairedRatio.of(a, b, 0.95);
    assertEquals(1.05, p.ratio(), 1e-12);
    assertEquals(1.05, p.low(), 1e-12);
    assertEquals(0.0, p.pValue());
  }

  @Test
  void identicalSidesHaveNoEffect() {
    PairedRatio p = PairedRatio.of(new double[] {3, 4}, new double[] {3, 4}, 0.95);
    assertEquals(1.0, p.ratio());
    assertEquals(1.0, p.pValue());
  }

  @Test
  void oneRoundHasNoInterval() {
    PairedRatio p = PairedRatio.of(new double[] {2}, new double[] {3}, 0.95);
    assertEquals(1.5, p.ratio(), 1e-12);
    assertTrue(Double.isNaN(p.low()) && Double.isNaN(p.pValue()));
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PairedRatio.of(new double[] {1, 0}, new double[] {1, 1}, 0.95));
    assertTrue(e.getMessage().contains("round 2") && e.getMessage().contains("above 0"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PairedRatio.of(new double[] {1}, new double[] {1, 2}, 0.95));
  }
}
