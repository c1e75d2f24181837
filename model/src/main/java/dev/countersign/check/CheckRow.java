package dev.countersign.check;

import dev.countersign.results.ErrorCode;
import dev.countersign.stats.BudgetCheck;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.Verdict;
import java.util.Optional;

/**
 * One line of the {@code check} table.
 *
 * @param test test key ({@code Class.method})
 * @param metric metric name; for a budget row, its label: the metric followed by {@code " (budget)"}
 *     ({@link #budgetLabel}); the metric itself is {@link #measuredMetric()}
 * @param source source id ({@code pmu}, {@code sim}, ...), or {@code -}
 * @param baseline baseline centre per op (NaN when none)
 * @param current current centre per op (NaN when none)
 * @param changePercent change in percent (NaN when not compared)
 * @param verdict the outcome
 * @param note why, for rows that need it (unavailable diagnosis, incomparable sources, ...)
 * @param comparison the statistical comparison behind the row, if any
 * @param budget the budget judgement behind the row, if any
 * @param error the code of the diagnosis of a metric this run could not measure (an {@code
 *     UNAVAILABLE} row, or an {@code INCOMPARABLE} one because of it), if any
 */
public record CheckRow(
    String test,
    String metric,
    String source,
    double baseline,
    double current,
    double changePercent,
    Verdict verdict,
    String note,
    Optional<Comparison> comparison,
    Optional<BudgetCheck> budget,
    Optional<ErrorCode> error) {

  /** A row with no diagnosis of an unmeasured metric behind it. */
  public CheckRow(String test, String metric, String source, double baseline, double current,
      double changePercent, Verdict verdict, String note, Optional<Comparison> comparison,
      Optional<BudgetCheck> budget) {
    this(test, metric, source, baseline, current, changePercent, verdict, note, comparison,
        budget, Optional.empty());
  }

  /** What a row is. */
  public enum Kind {
    /** A metric compared with its baseline. */
    COMPARISON,
    /** A metric judged against its absolute budget. */
    BUDGET,
    /** Neither: not run, unavailable, incomparable, informational. */
    OTHER
  }

  /** The label of the budget row of {@code metric}, as the tables show it. */
  public static String budgetLabel(String metric) {
    return metric + " (budget)";
  }

  /** What this row is, from the judgement behind it. */
  public Kind kind() {
    return budget.isPresent() ? Kind.BUDGET : comparison.isPresent() ? Kind.COMPARISON
        : Kind.OTHER;
  }

  /** The name of the measured metric: {@link #metric()} but for a budget row, whose label it is. */
  public String measuredMetric() {
    return budget.map(BudgetCheck::metric).orElse(metric);
  }

  static CheckRow plain(String test, String metric, String source, double baseline,
      double current, Verdict verdict, String note) {
    return new CheckRow(test, metric, source, baseline, current, Double.NaN, verdict, note,
        Optional.empty(), Optional.empty());
  }

  /** The row of a metric this run could not measure, with the code of its diagnosis. */
  public static CheckRow unmeasured(String test, String metric, String source, double baseline,
      Verdict verdict, String note, ErrorCode error) {
    return new CheckRow(test, metric, source, baseline, Double.NaN, Double.NaN, verdict, note,
        Optional.empty(), Optional.empty(), Optional.of(error));
  }
}
