package dev.countersign.report;

import dev.countersign.check.CheckRow;
import dev.countersign.check.Sides;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * One test's section of {@code report.html}: its worst verdict and name, its environment
 * warnings, the sortable verdict table, its plots ({@link HtmlPlots}), its environment and its
 * unavailable metrics.
 */
final class HtmlTestSection {

  /**
   * The verdict table's columns: sort key, sort type, heading (the two sides' headings are the
   * report's {@link Sides}: Baseline and Current, or A and B with their refs).
   */
  private static String[][] columns(Sides sides) {
    return new String[][] {
      {"metric", "text", "Metric"}, {"source", "text", "Source"}, {"unit", "text", "Unit"},
      {"baseline", "num", sides.firstHeading()}, {"current", "num", sides.secondHeading()},
      {"change", "num", "Change"}, {"ci", "num", "Ratio (95% CI)"}, {"p", "num", "p"},
      {"verdict", "num", "Verdict"}, {"note", "text", "Note"}};
  }

  private HtmlTestSection() {}

  static void write(HtmlWriter h, TestReport t) {
    Verdict worst = t.worst();
    h.open("section", "class", "test", "id", t.anchor(), "data-test", t.key(), "data-worst",
        worst.name()).text("\n");
    h.open("h2").element("span", worst.label(), "class", "badge " + VerdictStyle.tone(worst))
        .text(" ").element("span", t.title(), "class", "title").close("h2").text("\n");
    h.element("p", t.qualified(), "class", "qualified").text("\n");
    t.environment().ifPresent(e -> e.warnings(t.sides()).forEach(w ->
        h.element("p", "⚠ " + w, "class", "flag").text("\n")));
    verdictTable(h, t);
    if (t.result().isPresent()) {
      HtmlPlots.distributions(h, t.plots(), t.sides());
      HtmlPlots.vmExits(h, t.vmExits(), t.sides());
    }
    t.environment().ifPresent(e -> environment(h, e, t.sides()));
    t.result().ifPresent(r -> unavailable(h, r.unavailable()));
    h.close("section").text("\n");
  }

  private static void verdictTable(HtmlWriter h, TestReport t) {
    h.open("table", "class", "verdicts").text("\n").open("thead").open("tr");
    for (String[] c : columns(t.sides())) {
      h.element("th", c[2], "data-key", c[0], "data-type", c[1], "tabindex", "0");
    }
    h.close("tr").close("thead").text("\n").open("tbody").text("\n");
    for (CheckRow r : t.rows()) {
      Optional<Comparison> c = r.comparison();
      h.open("tr", "data-verdict", r.verdict().name());
      h.element("td", r.metric(), "data-v", r.metric());
      h.element("td", r.source(), "data-v", r.source());
      String unit = t.result().isPresent() ? t.unitOf(r.measuredMetric()) : "-";
      h.element("td", unit.equals("per op") ? "-" : unit, "data-v", unit);
      num(h, r.baseline(), Numbers.format(r.baseline()));
      num(h, r.current(), Numbers.format(r.current()));
      num(h, r.changePercent(), Numbers.percent(r.changePercent()));
      num(h, c.map(Comparison::ratio).orElse(Double.NaN),
          c.map(x -> Numbers.format(x.ratio()) + " (" + ReportText.ci(x) + ")").orElse("-"));
      num(h, c.map(Comparison::pValue).orElse(Double.NaN),
          c.map(x -> Numbers.format(x.pValue())).orElse("-"));
      h.open("td", "data-v", VerdictStyle.rank(r.verdict()))
          .element("span", r.verdict().label(), "class", "badge " + VerdictStyle.tone(r.verdict()))
          .close("td");
      h.element("td", r.note(), "data-v", r.note());
      h.close("tr").text("\n");
    }
    h.close("tbody").text("\n").close("table").text("\n");
  }

  private static void num(HtmlWriter h, double v, String text) {
    h.element("td", text, "class", "n", "data-v", Double.isFinite(v) ? Double.toString(v) : "");
  }

  private static void environment(HtmlWriter h, EnvironmentDiff e, Sides sides) {
    h.element("h3", "Environment").text("\n").open("table", "class", "env").open("thead")
        .open("tr").element("th", "field").element("th", sides.first())
        .element("th", sides.second())
        .close("tr").close("thead").open("tbody").text("\n");
    for (EnvironmentDiff.Line l : e.lines()) {
      h.open("tr", "class", l.flagged() ? "diff critical" : l.differs() ? "diff" : null)
          .element("th", l.label()).element("td", l.baseline()).element("td", l.current())
          .close("tr").text("\n");
    }
    h.close("tbody").close("table").text("\n");
  }

  private static void unavailable(HtmlWriter h, List<UnavailableMetric> list) {
    if (list.isEmpty()) {
      return;
    }
    h.element("h3", "Unavailable metrics").text("\n").open("table", "class", "unavailable")
        .open("thead").open("tr").element("th", "metric").element("th", "source tried")
        .element("th", "error").element("th", "why").element("th", "what to do").close("tr")
        .close("thead").open("tbody").text("\n");
    for (UnavailableMetric u : list) {
      h.open("tr").element("td", u.name()).element("td", u.source().id()).open("td")
          .element("code", u.error().id()).close("td").element("td", u.reason())
          .element("td", u.remedy() == null ? "" : u.remedy()).close("tr").text("\n");
    }
    h.close("tbody").close("table").text("\n");
  }
}
