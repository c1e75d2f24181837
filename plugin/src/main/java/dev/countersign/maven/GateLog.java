package dev.countersign.maven;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckTable;
import dev.countersign.report.Reports;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;

/** What {@code check} and {@code compare} print alike: the table, the reports, the failures. */
final class GateLog {

  private GateLog() {}

  /** Prints the table and writes the reports into {@code reportDir}, listing their files. */
  static void tableAndReports(Log log, CheckReport report, Path reportDir) {
    for (String line : CheckTable.lines(report)) {
      log.info(line);
    }
    for (Path f : Reports.writeAll(report, reportDir)) {
      log.info("Countersign report: " + f);
    }
  }

  /**
   * One indented line per failing row: test, metric, verdict and change.
   *
   * @param changeSuffix appended inside the parentheses after the change (e.g. " against main")
   */
  static String failures(List<CheckRow> failures, String changeSuffix) {
    return failures.stream()
        .map(r -> r.test() + " " + r.metric() + ": " + r.verdict().label()
            + (Double.isNaN(r.changePercent()) ? ""
                : " (" + Numbers.percent(r.changePercent()) + changeSuffix + ")"))
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /**
   * What to do about the failing rows, by their verdicts: a regression may be intended (promote
   * the results), a budget is absolute (promoting changes nothing), an INCOMPARABLE row is
   * explained by its footnote.
   */
  static String advice(List<CheckRow> failures) {
    Set<Verdict> verdicts = failures.stream().map(CheckRow::verdict)
        .collect(Collectors.toUnmodifiableSet());
    List<String> out = new ArrayList<>();
    if (verdicts.contains(Verdict.REGRESSION)) {
      out.add("If a regression is intended, promote the results with 'mvn countersign:baseline'"
          + " and commit src/test/countersign/.");
    }
    if (verdicts.contains(Verdict.OVER_BUDGET)) {
      out.add("A budget (@CounterBudget, @VmExitBudget) is absolute: make the code fit it, or"
          + " change the budget in the annotation; promoting the results does not change it.");
    }
    if (verdicts.contains(Verdict.INCOMPARABLE)) {
      out.add("An INCOMPARABLE row's footnote in the table says what differs between the baseline"
          + " and this run, and how to measure them alike.");
    }
    return String.join(" ", out);
  }

  /**
   * {@link #advice} for {@code compare}, whose failing rows judge B against A on this machine:
   * there is no baseline to promote, and a difference of measurement lies in the two revisions'
   * builds.
   */
  static String compareAdvice(List<CheckRow> failures) {
    Set<Verdict> verdicts = failures.stream().map(CheckRow::verdict)
        .collect(Collectors.toUnmodifiableSet());
    List<String> out = new ArrayList<>();
    if (verdicts.contains(Verdict.REGRESSION)) {
      out.add("B (the working tree) is slower than A on this machine, round by round: fix it; if"
          + " it is intended, run compare with -Dcountersign.failOnRegression=false (compare keeps"
          + " no baseline, so there is nothing to promote; 'mvn countersign:baseline' on the"
          + " merged branch records the new level for check).");
    }
    if (verdicts.contains(Verdict.OVER_BUDGET)) {
      out.add("A budget (@CounterBudget, @VmExitBudget) is absolute and B's: make B's code fit it,"
          + " or change the budget in the annotation.");
    }
    if (verdicts.contains(Verdict.INCOMPARABLE)) {
      out.add("An INCOMPARABLE row's footnote in the table says what differs between A's and B's"
          + " measurements, and how to measure them alike.");
    }
    return String.join(" ", out);
  }
}
