package dev.countersign.stats;

/**
 * An absolute budget judged against one run's samples.
 *
 * @param metric the metric
 * @param limitPerOp the budget, per op
 * @param measured the value judged (median per op)
 * @param upperBound upper confidence bound of the per-op value (NaN when not computed)
 * @param verdict WITHIN_BUDGET, AT_RISK or OVER_BUDGET
 */
public record BudgetCheck(
    String metric, double limitPerOp, double measured, double upperBound, Verdict verdict) {

  /** "page-faults: 0.0123 per op > budget 0.01 per op". */
  public String message() {
    String rel = switch (verdict) {
      case OVER_BUDGET -> " > budget ";
      case AT_RISK -> " (upper bound " + Numbers.format(upperBound) + ") near budget ";
      default -> " ≤ budget ";
    };
    return metric + ": " + Numbers.format(measured) + " per op" + rel + Numbers.format(limitPerOp)
        + " per op";
  }
}
