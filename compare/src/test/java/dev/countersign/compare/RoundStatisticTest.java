package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckRow;
import dev.countersign.results.Fixtures;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Correction;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private static Map<String, TestResult> round(double fast, double slow, int slowCount) {
    List<Double> perOp = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // the machine's states: `slowCount` iterations disturbed (an SMT sibling busy)
      perOp.add((i < slowCount ? slow : fast) * (1 + 0.001 * i));
    }
    TestResult r = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("auto", 5, 20, 1, 1), Fixtures.environment(),
        List.of(new MetricSeries("task-clock", Source.KERNEL, "ns", perOp)), List.of(), List.of(),
        List.of(), List.of());
    return Map.of(Compare.idOf(Fixtures.TEST), r);
  }

  @Test
  void aRoundDisturbedForMostOfItsWindowDoesNotMoveTheCpuTimeRatio() {
    // unchanged code, 66 ns undisturbed; in B's rounds the machine was disturbed (+25%) for most
    // of the window, in A's rarely: the medians differ by 25%, the least-disturbed tenth does not
    List<Map<String, TestResult>> a = new ArrayList<>();
    List<Map<String, TestResult>> b = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      a.add(round(66, 83, 2 + k % 2));
      b.add(round(66, 83, 14 + k % 3));
    }
    CompareSettings s = new CompareSettings("A", 6, 5, Correction.HOLM, true);
    CheckRow row = new CompareJudge(s).judge(a, b, new BaseRevision("A", "0123456789", "test"))
        .rows().get(0);
    assertEquals(Verdict.UNCHANGED, row.verdict(), row.note());

    // a real +10% in the code moves the least-disturbed tenth too
    List<Map<String, TestResult>> slower = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      slower.add(round(72.6, 91.3, 14 + k % 3));
    }
    CheckRow found = new CompareJudge(s).judge(a, slower,
        new BaseRevision("A", "0123456789", "test")).rows().get(0);
    assertEquals(Verdict.REGRESSION, found.verdict(), found.note());
    assertTrue(found.changePercent() > 9 && found.changePercent() < 13, found.note());
  }
}
