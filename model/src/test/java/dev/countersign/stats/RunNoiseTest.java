package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunNoiseTest {

  @Test
  void predictionHalfWidthFromThreeRunMedians() {
    // group medians 100, 102, 98, pooled median 100: relative s = 0.02;
    // t(2 df, 0.975) = 4.302653, sqrt(1 + 1/3) = 1.154701 -> 0.0993659
    double[] v = {100, 100, 100, 102, 102, 102, 98, 98, 98};
    int[] g = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    RunNoise n = RunNoise.of(v, g, 0.95);
    assertEquals(3, n.groups());
    assertEquals(0.0993659, n.halfWidth(), 1e-6);
    assertEquals(9.93659, n.percent(), 1e-4);
    // a run at the edge of the band has p = 0.05; at the centre p = 1
    assertEquals(0.05, n.pValue(1.0993659), 1e-6);
    assertEquals(0.05, n.pValue(1 - 0.0993659), 1e-6);
    assertEquals(1.0, n.pValue(1.0), 1e-12);
    assertTrue(n.pValue(1.3) < 0.01);
  }

  @Test
  void twoRunsGiveAWideBand() {
    // medians 99 and 101, pooled 100: s = sqrt(2) * 0.01; t(1, 0.975) = 12.7062, sqrt(1.5)
    double[] v = {99, 99, 101, 101};
    RunNoise n = RunNoise.of(v, new int[] {0, 0, 1, 1}, 0.95);
    assertEquals(12.7062047 * Math.sqrt(2) * 0.01 * Math.sqrt(1.5), n.halfWidth(), 1e-7);
  }

  @Test
  void oneRunOrAZeroMedianIsUnknown() {
    assertFalse(RunNoise.of(new double[] {1, 2, 3}, new int[0], 0.95).known());
    assertEquals(1.0, RunNoise.of(new double[] {1, 2, 3}, new int[0], 0.95).pValue(2.0));
    assertFalse(RunNoise.of(new double[] {0, 0, 0, 1}, new int[] {0, 0, 1, 1}, 0.95).known());
    assertTrue(RunNoise.of(new double[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1}, 0.95).known());
    RunNoise flat = RunNoise.of(new double[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1}, 0.95);
    assertEquals(0, flat.halfWidth());
    assertEquals(0, flat.pValue(1.01), "identical runs: any other median is beyond their noise");
  }
}
