package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoundStatisticTest {

  @Test
  void cpuTimeTakesTheTenthPercentileEverythingElseTheMedian() {
    double[] v = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11};
    // R: quantile(1:11, 0.1) = 2 (type 7: 1 + 0.1 * 10 positions)
    assertEquals(2.0, RoundStatistic.forMetric("task-clock").of(v), 1e-12);
    assertEquals(RoundStatistic.LOW_DECILE, RoundStatistic.forMetric("cycles"));
    assertEquals(6.0, RoundStatistic.forMetric("context-switches").of(v), 1e-12);
    assertEquals(6.0, RoundStatistic.forMetric("alloc-bytes").of(v), 1e-12);
    // quantile(c(1, 2, 3, 4), 0.1) = 1.3
    assertEquals(1.3, RoundStatistic.LOW_DECILE.of(new double[] {4, 3, 2, 1}), 1e-12);
  }
}
