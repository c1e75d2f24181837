package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.check.CheckReport;
import dev.countersign.results.Fixtures;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Correction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report of a comparison shows all of B's rounds, as it shows all of A's: found on
 * commons-codec, whose report plotted A's 2,020 samples beside the 120 of B's last round.
 */
class PooledRoundsTest {

  private static TestResult round(int iterations, double value) {
    return new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("auto", 5, iterations, 1, 1), Fixtures.environment(),
        List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes",
            Collections.nCopies(iterations, value))), List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void everyRoundsSamplesEachRoundAGroup() {
    TestResult pooled = PooledRounds.of(List.of(round(3, 10), round(2, 11), round(4, 12)));
    MetricSeries m = pooled.metric("alloc-bytes").orElseThrow();
    assertEquals(List.of(10.0, 10.0, 10.0, 11.0, 11.0, 12.0, 12.0, 12.0, 12.0), m.perOp());
    assertEquals(List.of(1000, 1000, 1000, 2000, 2000, 3000, 3000, 3000, 3000), m.fork());
    assertEquals(9, pooled.configuration().iterations());
    assertEquals(3, pooled.configuration().forks());
  }

  @Test
  void forksWithinARoundStayApart() {
    TestResult forked = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("auto", 5, 4, 1, 2), Fixtures.environment(),
        List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes", List.of(1.0, 2.0, 3.0, 4.0),
            List.of(), List.of(1, 1, 2, 2))), List.of(), List.of(), List.of(), List.of());
    MetricSeries m = PooledRounds.of(List.of(round(2, 10), forked)).metric("alloc-bytes")
        .orElseThrow();
    assertEquals(List.of(1000, 1000, 2001, 2001, 2002, 2002), m.fork());
  }

  @Test
  void theComparisonsReportCarriesThePooledSide() {
    List<Map<String, TestResult>> a = new ArrayList<>();
    List<Map<String, TestResult>> b = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      a.add(Map.of(Compare.idOf(Fixtures.TEST), round(5, 100)));
      b.add(Map.of(Compare.idOf(Fixtures.TEST), round(4 + k, 100)));
    }
    CheckReport report = new CompareJudge(new CompareSettings("A", 3, 5, Correction.HOLM, true))
        .judge(a, b, new BaseRevision("A", "0123456789", "test"));
    assertEquals(15, report.results().get(0).metric("alloc-bytes").orElseThrow().perOp().size());
    // A's rounds are pooled alike: one run of 15 samples, its configuration over the 3 rounds
    var aRuns = report.baselines().values().iterator().next().runs();
    assertEquals(1, aRuns.size());
    assertEquals(15, aRuns.get(0).metrics().get(0).perOp().size());
    assertEquals(3, aRuns.get(0).configuration().forks());
  }
}
