package dev.countersign.report;

import dev.countersign.results.Environment;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The top of {@code report.html}: the status line, the machine, and the verdict toolbar. */
final class HtmlHeader {

  private HtmlHeader() {}

  static void header(HtmlWriter h, ReportModel model) {
    h.open("header").text("\n").element("h1", "Countersign performance report").text("\n");
    boolean failed = model.failed();
    List<String> parts = new ArrayList<>();
    model.counts().forEach((v, n) -> parts.add(n + " " + v.label().toLowerCase(Locale.ROOT)));
    h.open("p", "class", "status " + (failed ? "bad" : "ok"), "id", "status")
        .text((failed ? "FAILED" : "PASSED") + " — " + model.checkCount() + " checks: "
            + String.join(", ", parts) + (model.advisory() ? " (advisory: the build was not failed)"
                : ""))
        .close("p").text("\n");
    if (!model.sides().legend().isEmpty()) {
      h.element("p", model.sides().legend(), "class", "sides").text("\n");
    }
    model.machine().ifPresent(m -> {
      Environment e = m.environment();
      h.element("p", "Measured on " + e.cpuModel() + " · " + e.cpus() + " CPUs · "
          + e.virtualization() + " · kernel " + e.kernel() + " · " + e.jvm() + " · mode "
          + m.mode(), "class", "machine").text("\n");
    });
    h.close("header").text("\n");
  }

  /** The verdict filter: a checkbox per verdict present, with its count, and two presets. */
  static void toolbar(HtmlWriter h, ReportModel model) {
    h.open("nav", "class", "toolbar", "id", "toolbar").element("span", "Show verdicts:", "class",
        "tl").text("\n");
    for (var e : model.counts().entrySet()) {
      Verdict v = e.getKey();
      h.open("label", "class", "badge " + VerdictStyle.tone(v))
          .open("input", "type", "checkbox", "checked", "", "data-verdict", v.name())
          .text(" " + v.label() + " (" + e.getValue() + ")").close("label").text("\n");
    }
    h.element("button", "all", "type", "button", "data-preset", "all")
        .element("button", "needs attention", "type", "button", "data-preset", "notable")
        .open("span", "class", "tl").element("span", model.checkCount(), "id", "shown")
        .text(" of " + model.checkCount() + " rows shown · click a column header to sort")
        .close("span").text("\n").close("nav").text("\n");
  }
}
