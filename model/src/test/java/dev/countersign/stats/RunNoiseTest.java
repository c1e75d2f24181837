package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunNoiseTest {

  @Test
  void predictionHalfWidthFromThreeRunMedians() {
    // group medians 100, 102, 98, pooled median 100: logs 0, ln 1.02, ln 0.98, mean -1.3336e-4,
    // s = 0.0200030; t(2 df, 0.975) = 4.302653, sqrt(1 + 1/3) = 1.154701 -> h = 0.0993804
    // (SciPy: stats.t.ppf(.975, 2) * s * sqrt(4/3)); the band exp(m ± h) = 0.905277..1.104339
    double[] v = {100, 100, 100, 102, 102, 102, 98, 98, 98};
    int[] g = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    RunNoise n = RunNoise.of(v, g, 0.95);
    assertEquals(3, n.groups());
    assertEquals(0.0200030, n.sd(), 1e-7);
    assertEquals(0.0993804, n.halfWidth(), 1e-7);
    assertEquals(10.448638, n.percent(), 1e-5);
    assertEquals(9.460179, n.percentBelow(), 1e-5);
    // a run at the edge of the band has p = 0.05; at its centre p = 1
    assertEquals(0.05, n.pValue(1.1043391), 1e-6);
    assertEquals(0.05, n.pValue(0.9052775), 1e-6);
    assertEquals(1.0, n.pValue(Math.exp(-1.3336000711e-4)), 1e-9);
    assertTrue(n.pValue(1.3) < 0.01);
    assertEquals(0, n.pValue(0), "a run at 0 against a known noise");
  }

  @Test
  void multiplicativeNoiseIsSymmetricOnTheLogScale() {
    // runs at 0.5x and 2x of the pooled median: a run at 4x is as far as one at 0.25x
    RunNoise n = RunNoise.of(new double[] {50, 50, 100, 100, 200, 200}, new int[] {0, 0, 1, 1, 2,
        2}, 0.95);
    assertEquals(n.pValue(4), n.pValue(0.25), 1e-12);
    assertEquals(n.percent(), 100 * (1 / (1 - n.percentBelow() / 100) - 1), 1e-9);
  }

  @Test
  void twoRunsGiveAWideBand() {
    // medians 99 and 101, pooled 100: s of (ln 0.99, ln 1.01) = 0.0141426; t(1, 0.975) = 12.7062
    double[] v = {99, 99, 101, 101};
    RunNoise n = RunNoise.of(v, new int[] {0, 0, 1, 1}, 0.95);
    assertEquals(0.2200853, n.halfWidth(), 1e-7);
  }

  @Test
  void aFloorRaisesASmallSpreadOnly() {
    RunNoise own = RunNoise.of(new double[] {100, 100, 102, 102, 98, 98}, new int[] {0, 0, 1, 1, 2,
        2}, 0.95);
    RunNoise raised = own.atLeast(0.1, 0.95);
    assertTrue(raised.raised() && !own.raised());
    assertEquals(0.1, raised.sd());
    // the band scales with s: t(2, 0.975) * 0.1 * sqrt(4/3)
    assertEquals(4.3026527 * 0.1 * Math.sqrt(4.0 / 3), raised.halfWidth(), 1e-6);
    assertTrue(raised.pValue(1.3) > own.pValue(1.3));
    assertSame(own, own.atLeast(0.01, 0.95), "a floor below its own spread changes nothing");
    assertFalse(RunNoise.unknown(1).atLeast(0.1, 0.95).known(), "no estimate stays none");
  }

  @Test
  void oneRunOrAZeroMedianIsUnknownAndARunAtZeroUnbounded() {
    assertFalse(RunNoise.of(new double[] {1, 2, 3}, new int[0], 0.95).known());
    assertEquals(1.0, RunNoise.of(new double[] {1, 2, 3}, new int[0], 0.95).pValue(2.0));
    assertFalse(RunNoise.of(new double[] {0, 0, 0, 1}, new int[] {0, 0, 1, 1}, 0.95).known());
    // one run at 0, two not (page faults of a JVM: 167 per invocation in one build, 0 in the next)
    RunNoise zero = RunNoise.of(new double[] {0, 0, 167, 167, 160, 160}, new int[] {0, 0, 1, 1, 2,
        2}, 0.95);
    assertTrue(zero.known());
    assertEquals(Double.POSITIVE_INFINITY, zero.sd());
    assertEquals(1.0, zero.pValue(10), "no factor bounds a spread from 0");
    RunNoise flat = RunNoise.of(new double[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1}, 0.95);
    assertTrue(flat.known());
    assertEquals(0, flat.halfWidth());
    assertEquals(0, flat.pValue(1.01), "identical runs: any other median is beyond their noise");
  }
}
