package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BudgetJudgeTest {

  private static MetricSeries series(double[] v) {
    List<Double> perOp = new ArrayList<>();
    for (double x : v) {
      perOp.add(x);
    }
    return new MetricSeries("instructions", Source.PMU, "count", perOp);
  }

  private static double[] noisy(long seed, double median, double cv) {
    return MedianBootstrapTest.lognormal(new SplittableRandom(seed), 20, median, cv);
  }

  @Test
  void medianOverTheLimitIsOverBudget() {
    BudgetCheck b = BudgetJudge.judge(series(noisy(1, 260, 0.02)), 250);
    assertEquals(Verdict.OVER_BUDGET, b.verdict());
    assertTrue(b.message().contains("> budget 250"), b.message());
  }

  @Test
  void medianWithinButUpperBoundOverIsAtRisk() {
    double[] v = noisy(2, 248, 0.05);
    BudgetCheck b = BudgetJudge.judge(series(v), 250);
    assertTrue(b.measured() <= 250, "median " + b.measured());
    assertTrue(b.upperBound() > 250, "upper " + b.upperBound());
    assertEquals(Verdict.AT_RISK, b.verdict());
    assertTrue(b.message().contains("upper bound"), b.message());
  }

  @Test
  void comfortablyWithinIsWithinBudget() {
    BudgetCheck b = BudgetJudge.judge(series(noisy(3, 200, 0.02)), 250);
    assertEquals(Verdict.WITHIN_BUDGET, b.verdict());
    assertTrue(b.upperBound() > b.measured() && b.upperBound() < 250);
  }

  @Test
  void constantSeriesIsJudgedExactly() {
    BudgetCheck at = BudgetJudge.judge(series(new double[] {250, 250, 250}), 250);
    assertEquals(Verdict.WITHIN_BUDGET, at.verdict());
    assertEquals(250, at.upperBound());
    assertEquals(Verdict.OVER_BUDGET,
        BudgetJudge.judge(series(new double[] {250.5, 250.5}), 250).verdict());
  }

  @Test
  void sameSeriesSameJudgement() {
    double[] v = noisy(4, 249, 0.03);
    assertEquals(BudgetJudge.judge(series(v), 250), BudgetJudge.judge(series(v.clone()), 250));
  }
}
