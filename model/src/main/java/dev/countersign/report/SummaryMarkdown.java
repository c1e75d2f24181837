package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.Sides;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@code summary.md}: one compact Markdown table of the rows whose verdict is not
 * UNCHANGED (nor WITHIN BUDGET), each linking to its test's section of {@code report.html}; the
 * same text is appended to {@code $GITHUB_STEP_SUMMARY}.
 */
public final class SummaryMarkdown {

  private SummaryMarkdown() {}

  /**
   * The summary.
   *
   * @param reportLink how the summary refers to the HTML report (e.g. {@code report.html})
   */
  public static String render(CheckReport report, String reportLink) {
    return render(ReportModel.of(report), reportLink);
  }

  /**
   * "3 of 7 checks need attention"; on a first run, whose only notable rows are NO BASELINE, what
   * to do instead ("no baseline yet for 6 of 6 checks: ..."); in a comparison, where such rows are
   * tests only B has, that they are new there.
   */
  private static String headline(ReportModel model, List<CheckRow> notable) {
    boolean firstRun = !notable.isEmpty()
        && notable.stream().allMatch(r -> r.verdict() == Verdict.NO_BASELINE);
    if (firstRun && !model.sides().equals(Sides.BASELINE_AND_CURRENT)) {
      // compare: such a test is new in B, and there is no baseline to record
      return notable.size() + " of " + model.checkCount() + " checks are new in "
          + model.sides().second() + " (not at " + model.sides().first() + "): nothing to compare"
          + " them with until " + model.sides().first() + " has them";
    }
    return firstRun
        ? "no baseline yet for " + notable.size() + " of " + model.checkCount() + " checks:"
            + " record them with `mvn countersign:baseline` and commit src/test/countersign/"
        : notable.size() + " of " + model.checkCount() + " checks need attention";
  }

  static String render(ReportModel model, String reportLink) {
    List<CheckRow> notable = model.notable();
    StringBuilder md = new StringBuilder();
    md.append("### Countersign: ").append(model.failed() ? "FAILED" : "passed").append(" — ")
        .append(headline(model, notable)).append("\n\n");
    model.machine().ifPresent(m -> md.append("Measured on ")
        .append(cell(m.environment().cpuModel())).append(", ").append(m.environment().cpus())
        .append(" CPUs, ").append(cell(m.environment().virtualization())).append(", mode ")
        .append(cell(m.mode())).append(".\n\n"));
    List<String> flags = new ArrayList<>();
    model.environmentWarnings().forEach(w ->
        flags.add("- ⚠ " + cell(w.warning()) + " (" + cell(w.whichTests()) + ")"));
    model.buildNotes().forEach(n -> flags.add("- ℹ " + cell(n)));
    if (!flags.isEmpty()) {
      flags.forEach(f -> md.append(f).append('\n'));
      md.append('\n');
    }
    if (notable.isEmpty()) {
      md.append("Every check is unchanged or within budget. Details: [report](")
          .append(reportLink).append(").\n");
      return md.toString();
    }
    md.append("| Test | Metric | ").append(cell(model.sides().firstHeading())).append("/op | ")
        .append(cell(model.sides().secondHeading()))
        .append("/op | Change | 95% CI of ratio | p | Verdict |\n");
    md.append("|---|---|--:|--:|--:|--:|--:|---|\n");
    for (CheckRow r : notable) {
      String ci = r.comparison().map(ReportText::ci).orElse("-");
      String p = r.comparison().map(c -> Numbers.format(c.pValue())).orElse("-");
      String verdict = r.verdict().failsBuild() ? "**" + r.verdict().label() + "**"
          : r.verdict().label();
      Optional<TestReport> test = model.test(r.test());
      md.append("| [").append(cell(test.map(TestReport::title).orElse(r.test()))).append("](")
          .append(reportLink).append('#').append(test.map(TestReport::anchor).orElse(""))
          .append(") | ")
          .append(cell(r.metric())).append(" | ").append(Numbers.format(r.baseline()))
          .append(" | ").append(Numbers.format(r.current())).append(" | ")
          .append(Numbers.percent(r.changePercent())).append(" | ").append(ci).append(" | ")
          .append(p).append(" | ").append(verdict).append(" |\n");
    }
    List<String> notes = new ArrayList<>();
    for (CheckRow r : notable) {
      // an INCONCLUSIVE row's note says what would decide it (more runs, compare)
      if (ReportText.noteStandsAlone(r)
          || r.verdict() == Verdict.INCONCLUSIVE && !r.note().isEmpty()) {
        notes.add("- " + cell(r.test()) + " " + cell(r.metric()) + ": " + cell(r.note()));
      }
    }
    if (!notes.isEmpty()) {
      md.append("\n<details><summary>Notes</summary>\n\n");
      notes.forEach(n -> md.append(n).append('\n'));
      md.append("\n</details>\n");
    }
    md.append("\nFull report with plots: [").append(reportLink).append("](").append(reportLink)
        .append("). ").append(cell(model.method())).append(".\n");
    return md.toString();
  }

  /** Escapes Markdown and HTML so that any text stays inside its table cell, as text. */
  static String cell(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '|', '\\', '`', '*', '_', '[', ']', '#', '~' -> sb.append('\\').append(c);
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
