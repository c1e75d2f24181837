package dev.countersign.stats;

/**
 * The change from one value to another as a percentage of the first, defined at zero as well: a
 * metric that was 0 and still is changed by 0%, one that rose from 0 by {@code +∞}%. Every table
 * that shows a change (check, compare, history's change points) computes it here, so that the same
 * pair of numbers never reads "-" in one report and "+inf%" in another.
 */
public final class RelativeChange {

  private RelativeChange() {}

  /** {@code (after / before − 1) × 100}; 0 when both are 0, ±∞ by the sign of {@code after} from 0. */
  public static double percent(double before, double after) {
    if (before == 0) {
      return after == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, after);
    }
    return (after / before - 1) * 100;
  }
}
