package dev.countersign.stats;

/**
 * The statistical comparison of one metric: the relative change of the current samples over the
 * baseline, with its confidence interval and significance.
 *
 * @param request what was compared
 * @param baselineCenter centre of the baseline samples (median), per op
 * @param currentCenter centre of the current samples (median), per op
 * @param ratio currentCenter / baselineCenter
 * @param ciLow lower bound of the confidence interval of the ratio (NaN when not computed)
 * @param ciHigh upper bound of the confidence interval of the ratio (NaN when not computed)
 * @param pValue p-value of the difference, after multiple-testing correction (0 or 1 on the exact
 *     path for deterministic metrics; NaN when not computed)
 * @param verdict the outcome
 * @param note why, in words (e.g. "deterministic: exact comparison", "not in steady state")
 */
public record Comparison(
    ComparisonRequest request,
    double baselineCenter,
    double currentCenter,
    double ratio,
    double ciLow,
    double ciHigh,
    double pValue,
    Verdict verdict,
    String note) {

  /**
   * Whether the comparison took the exact path: both sides constant (a deterministic metric), so
   * the ratio is the change itself, with no interval or test.
   */
  public boolean exact() {
    return request.constantOnBothSides();
  }

  /** The change in percent of the baseline: (ratio − 1) × 100. */
  public double changePercent() {
    return (ratio - 1.0) * 100.0;
  }
}
