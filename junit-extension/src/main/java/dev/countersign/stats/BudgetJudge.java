package dev.countersign.stats;

import dev.countersign.results.MetricSeries;

/** Judges an absolute per-op budget on one run's samples. */
public final class BudgetJudge {

  private BudgetJudge() {}

  /** OVER_BUDGET when the median per op exceeds the limit, else WITHIN_BUDGET. */
  public static BudgetCheck judge(MetricSeries series, double limitPerOp) {
    double median = MedianMannWhitneyComparator.median(series.values());
    Verdict v = median > limitPerOp ? Verdict.OVER_BUDGET : Verdict.WITHIN_BUDGET;
    return new BudgetCheck(series.name(), limitPerOp, median, Double.NaN, v);
  }
}
