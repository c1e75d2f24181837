package dev.countersign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.stats.Comparison;
import dev.countersign.stats.ComparisonRequest;
import dev.countersign.stats.Verdict;
import org.junit.jupiter.api.Test;

/** The interval column says "exact" for the exact path only (seen on gson and commons-codec). */
class ReportTextTest {

  private static Comparison comparison(double[] baseline, double[] current, double ratio) {
    ComparisonRequest r = new ComparisonRequest("T.m", "alloc-bytes", baseline, current, 5, false);
    return new Comparison(r, baseline[0], current[0], ratio, ratio, ratio, 1e-9,
        Verdict.REGRESSION, "");
  }

  @Test
  void bothSidesConstantIsExact() {
    assertEquals("exact", ReportText.ci(comparison(new double[] {100, 100},
        new double[] {110, 110}, 1.1)));
  }

  @Test
  void aZeroWidthIntervalFromVaryingSamplesIsShownAsAnInterval() {
    // every resample agreed, but the samples vary: a rank test's p stands beside it, not "exact"
    assertEquals("1.1–1.1", ReportText.ci(comparison(new double[] {100, 100, 101},
        new double[] {110, 110, 111}, 1.1)));
  }
}
