package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.check.CheckRow;
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
 * A metric that is zero on side A: its change reads as check's does (0% when B is zero too, +inf%
 * when B is not), not "-" as if it had not been measured.
 */
class ZeroBaselineChangeTest {

  private static List<Map<String, TestResult>> rounds(double allocPerOp) {
    List<Map<String, TestResult>> rounds = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      TestResult r = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
          new RunConfiguration("auto", 5, 10, 1, 1), Fixtures.environment(),
          List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes",
              Collections.nCopies(10, allocPerOp))), List.of(), List.of(), List.of(), List.of());
      rounds.add(Map.of(Compare.idOf(Fixtures.TEST), r));
    }
    return rounds;
  }

  private static CheckRow judge(double a, double b) {
    CompareSettings s = new CompareSettings("A", 3, 5, Correction.HOLM, true);
    return new CompareJudge(s).judge(rounds(a), rounds(b),
        new BaseRevision("A", "0123456789", "test")).rows().get(0);
  }

  @Test
  void zeroOnBothSidesIsNoChange() {
    assertEquals(0.0, judge(0, 0).changePercent(), judge(0, 0).note());
  }

  @Test
  void aRiseFromZeroIsAnInfiniteIncrease() {
    CheckRow row = judge(0, 48);
    assertEquals(Double.POSITIVE_INFINITY, row.changePercent(), row.note());
  }
}
