package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckRow;
import dev.countersign.stats.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * check's failure says what to do by what failed: on commons-lang an OVER BUDGET row alone ended
 * with "If the change is intended, promote the results with 'mvn countersign:baseline'", which
 * leaves a budget as broken as before.
 */
class GateLogTest {

  private static CheckRow row(String metric, Verdict verdict) {
    return new CheckRow("T.m", metric, "sim", 100, 120, 20, verdict, "", Optional.empty(),
        Optional.empty());
  }

  @Test
  void aBrokenBudgetAloneIsNotToldToPromoteTheResults() {
    String advice = GateLog.advice(List.of(row("alloc-bytes (budget)", Verdict.OVER_BUDGET)));
    assertTrue(advice.startsWith("A budget (@CounterBudget, @VmExitBudget) is absolute"), advice);
    assertTrue(advice.contains("promoting the results does not change it"), advice);
    assertFalse(advice.contains("If a regression is intended"), advice);
  }

  @Test
  void aRegressionMayBePromotedAndARegressionWithABudgetGetsBoth() {
    assertEquals("If a regression is intended, promote the results with 'mvn countersign:baseline'"
        + " and commit src/test/countersign/.",
        GateLog.advice(List.of(row("instructions", Verdict.REGRESSION))));
    String both = GateLog.advice(List.of(row("instructions", Verdict.REGRESSION),
        row("instructions (budget)", Verdict.OVER_BUDGET)));
    assertTrue(both.startsWith("If a regression is intended") && both.contains("is absolute"),
        both);
  }

  @Test
  void anIncomparableRowPointsAtItsFootnote() {
    String advice = GateLog.advice(List.of(row("instructions", Verdict.INCOMPARABLE)));
    assertTrue(advice.startsWith("An INCOMPARABLE row's footnote"), advice);
    assertFalse(advice.contains("promote the results"), advice);
  }

  @Test
  void compareIsNeverToldToPromoteABaseline() {
    String advice = GateLog.compareAdvice(List.of(row("alloc-bytes", Verdict.REGRESSION),
        row("alloc-bytes (budget)", Verdict.OVER_BUDGET), row("cycles", Verdict.INCOMPARABLE)));
    assertTrue(advice.startsWith("B (the working tree) is slower than A on this machine"), advice);
    assertTrue(advice.contains("-Dcountersign.failOnRegression=false"), advice);
    assertTrue(advice.contains("compare keeps no baseline, so there is nothing to promote"), advice);
    assertTrue(advice.contains("between A's and B's measurements"), advice);
    assertFalse(advice.contains("promote the results"), advice);
  }
}
