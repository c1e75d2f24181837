package dev.countersign.maven;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckTable;
import dev.countersign.report.Reports;
import dev.countersign.stats.Numbers;
import java.nio.file.Path;
import java.util.List;
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
}
