package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.Sides;
import dev.countersign.results.Environment;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the reports show, built once from what a {@code check} (or a {@code compare}) found: every
 * renderer ({@link HtmlReport}, {@link SummaryMarkdown}, {@link JmhExport}, {@link
 * BencherExport}, {@link ReportJson}, the plots of {@link SvgPlots}) reads this, none of them
 * reads the {@link CheckReport} itself.
 *
 * @param check the check's rows and inputs, for the renderers that list every row ({@code
 *     report.json})
 * @param failed whether the gate found a failure
 * @param advisory whether a failure does not fail the build ({@code failOnRegression=false})
 * @param counts rows per verdict, worst verdict first
 * @param machine where the first result was measured, if any ran
 * @param environmentWarnings each distinct environment warning of the build, once
 * @param buildNotes what concerns the whole build rather than a row
 * @param tests per test, in the order of the HTML page (test key), with its anchor there
 * @param notable the rows that need attention, worst first, over the build
 */
record ReportModel(
    CheckReport check,
    boolean failed,
    boolean advisory,
    Map<Verdict, Long> counts,
    Optional<Machine> machine,
    List<EnvironmentWarning> environmentWarnings,
    List<String> buildNotes,
    List<TestReport> tests,
    List<CheckRow> notable) {

  /** Where a build measured: the first result's environment and mode. */
  record Machine(Environment environment, String mode) {}

  /**
   * An environment warning and the titles of the tests it concerns (in report order): the same
   * foreign baseline is said once, not once per test.
   */
  record EnvironmentWarning(String warning, List<String> tests) {
    /** "3 tests: a, b, c" or "12 tests, e.g. a, b, c". */
    String whichTests() {
      String n = tests.size() + (tests.size() == 1 ? " test" : " tests");
      return tests.size() <= 3 ? n + ": " + String.join(", ", tests)
          : n + ", e.g. " + String.join(", ", tests.subList(0, 3));
    }
  }

  /** The model of a finished check. */
  static ReportModel of(CheckReport report) {
    List<TestReport> tests = tests(report);
    Map<String, List<String>> warnings = new LinkedHashMap<>();
    for (TestReport t : tests) {
      t.environment().ifPresent(e -> e.warnings(report.sides()).forEach(w ->
          warnings.computeIfAbsent(w, k -> new ArrayList<>()).add(t.title())));
    }
    List<EnvironmentWarning> flags = new ArrayList<>();
    warnings.forEach((w, titles) -> flags.add(new EnvironmentWarning(w, List.copyOf(titles))));
    boolean failed = !report.failures().isEmpty();
    return new ReportModel(report, failed, failed && !report.settings().failOnRegression(),
        counts(report.rows()), report.results().stream().findFirst()
            .map(r -> new Machine(r.environment(), r.configuration().mode())),
        List.copyOf(flags), report.notes(), tests, notable(report, report.rows()));
  }

  /** The rows that need attention (not informational), worst first, in their order otherwise. */
  static List<CheckRow> notable(CheckReport report, List<CheckRow> rows) {
    return rows.stream()
        .filter(r -> VerdictStyle.notable(r.verdict()) && !report.informational(r))
        .sorted((a, b) -> Integer.compare(VerdictStyle.rank(a.verdict()),
            VerdictStyle.rank(b.verdict())))
        .toList();
  }

  /** The comparison method and correction used. */
  String method() {
    return check.method();
  }

  /** What the two sides compared are. */
  Sides sides() {
    return check.sides();
  }

  /** The default threshold, in percent. */
  double thresholdPercent() {
    return check.settings().thresholdPercent();
  }

  /** How many rows (checks) the build has. */
  int checkCount() {
    return check.rows().size();
  }

  /** The results read. */
  List<TestResult> results() {
    return check.results();
  }

  /** The test of {@code key}, if it has rows or a result. */
  Optional<TestReport> test(String key) {
    return tests.stream().filter(t -> t.key().equals(key)).findFirst();
  }

  private static Map<Verdict, Long> counts(List<CheckRow> rows) {
    Map<Verdict, Long> counts = new TreeMap<>(
        (a, b) -> Integer.compare(VerdictStyle.rank(a), VerdictStyle.rank(b)));
    rows.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Per test key: its rows, its result and baseline; then the tests with a result but no row. */
  private static List<TestReport> tests(CheckReport report) {
    Map<String, List<CheckRow>> rows = new TreeMap<>();
    for (CheckRow r : report.rows()) {
      rows.computeIfAbsent(r.test(), k -> new ArrayList<>()).add(r);
    }
    Map<String, TestResult> results = new TreeMap<>();
    for (TestResult r : report.results()) {
      results.put(r.test().key(), r);
    }
    Map<String, List<CheckRow>> ordered = new LinkedHashMap<>(rows);
    for (TestResult r : report.results()) {
      ordered.putIfAbsent(r.test().key(), List.of());
    }
    List<TestReport> out = new ArrayList<>();
    ordered.forEach((key, testRows) -> out.add(TestReport.of(report, key, "t" + out.size(),
        Optional.ofNullable(results.get(key)), Optional.ofNullable(report.baselines().get(key)),
        testRows)));
    return List.copyOf(out);
  }
}
