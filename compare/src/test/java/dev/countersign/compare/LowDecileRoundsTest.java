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

/** compare judges CPU time on each round's 10th percentile ({@code stats.RoundStatistic}). */
class LowDecileRoundsTest {

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
