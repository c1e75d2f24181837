package dev.countersign.check;

import dev.countersign.results.Baseline;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Verdict;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code check} found: the rows of the table and the inputs behind them, for the
 * reports.
 *
 * @param rows table rows, sorted by test then metric
 * @param method the comparison method and correction used
 * @param settings the settings applied
 * @param results the results read
 * @param baselines the baselines read, by test key ({@code compare}: A's rounds)
 * @param sides what the two sides are, for the reports' labels
 */
public record CheckReport(
    List<CheckRow> rows,
    String method,
    CheckSettings settings,
    List<TestResult> results,
    Map<String, Baseline> baselines,
    Sides sides) {

  /** A {@code check}'s: baselines against this build's results. */
  public CheckReport(List<CheckRow> rows, String method, CheckSettings settings,
      List<TestResult> results, Map<String, Baseline> baselines) {
    this(rows, method, settings, results, baselines, Sides.BASELINE_AND_CURRENT);
  }

  public CheckReport {
    rows = List.copyOf(rows);
    results = List.copyOf(results);
    baselines = Map.copyOf(baselines);
  }

  /** Rows that fail the build, given the settings (before {@code failOnRegression}). */
  public List<CheckRow> failures() {
    return rows.stream()
        .filter(r -> r.verdict().failsBuild()
            || (settings.requireBaseline() && r.verdict() == Verdict.NO_BASELINE))
        .toList();
  }

  /**
   * What concerns the whole build rather than a row, said once in the log, {@code summary.md}
   * and {@code report.html}: that baselines (in a comparison, A's results) were read with an old
   * file format's meaning.
   */
  public List<String> notes() {
    return MetricIdentity.oldBaselinesNote(baselines.values(), sides).stream().toList();
  }

  /**
   * Whether the row is about a metric its test did not declare (see {@link
   * TestResult#informational()}): shown in the tables, but not something to attend to.
   */
  public boolean informational(CheckRow row) {
    return results.stream()
        .filter(r -> r.test().key().equals(row.test()))
        .anyMatch(r -> r.informational().contains(row.metric()));
  }
}
