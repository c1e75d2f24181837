package dev.countersign.report;

import dev.countersign.check.CheckRow;
import java.util.List;

/**
 * "What needs attention" in {@code report.html}: the build's environment warnings and notes,
 * then per test with something notable where it ran and its notable rows, worst first.
 */
final class HtmlFindings {

  private HtmlFindings() {}

  static void write(HtmlWriter h, ReportModel model) {
    h.open("section", "id", "findings").text("\n").element("h2", "What needs attention")
        .text("\n");
    for (ReportModel.EnvironmentWarning w : model.environmentWarnings()) {
      h.element("p", "⚠ " + w.warning() + " (" + w.whichTests() + ")", "class", "flag")
          .text("\n");
    }
    for (String n : model.buildNotes()) {
      h.element("p", "ℹ " + n, "class", "flag build-note").text("\n");
    }
    List<TestReport> notable = model.tests().stream().filter(t -> !t.notable().isEmpty())
        .toList();
    if (notable.isEmpty()) {
      h.element("p", "Every check is unchanged or within budget.", "class", "allclear")
          .text("\n");
    } else {
      h.open("ul").text("\n");
      notable.forEach(t -> test(h, t));
      h.close("ul").text("\n");
    }
    h.close("section").text("\n");
  }

  private static void test(HtmlWriter h, TestReport t) {
    h.open("li", "class", "finding").element("a", t.title(), "href", "#" + t.anchor());
    t.result().ifPresent(res -> h.text(" ").element("span", "on "
        + res.environment().cpuModel() + " (" + res.environment().virtualization() + ", mode "
        + res.configuration().mode() + ")", "class", "where"));
    h.text("\n").open("ul").text("\n");
    for (CheckRow r : t.notable()) {
      h.open("li", "data-verdict", r.verdict().name())
          .element("span", r.verdict().label(), "class", "badge " + VerdictStyle.tone(r.verdict()));
      if (!r.metric().equals("-")) {
        h.text(" ").element("b", r.metric());
      }
      h.text(" " + ReportText.howMuch(r, t.unitOf(r.metric())));
      if (ReportText.noteStandsAlone(r)) {
        h.element("div", r.note(), "class", "note");
      }
      h.close("li").text("\n");
    }
    h.close("ul").close("li").text("\n");
  }
}
