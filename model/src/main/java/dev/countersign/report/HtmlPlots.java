package dev.countersign.report;

import dev.countersign.check.Sides;

import dev.countersign.stats.Numbers;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a test's section in {@code report.html}: per metric its baseline and current
 * distributions, and per host profile its VM exits by reason. The SVG inside each figure is
 * {@link SvgPlots}', written by its own {@link HtmlWriter} and placed here as trusted markup.
 */
final class HtmlPlots {

  private HtmlPlots() {}

  static void distributions(HtmlWriter h, List<TestReport.MetricPlot> plots, Sides sides) {
    if (plots.isEmpty()) {
      return;
    }
    h.element("h3", "Distributions: " + sides.first() + " and " + sides.second()).text("\n")
        .open("div", "class", "plots").text("\n");
    for (TestReport.MetricPlot p : plots) {
      h.open("figure", "class", "plot", "data-metric", p.metric().name()).open("figcaption")
          .element("b", p.metric().name()).text(" ")
          .element("span", "[" + p.metric().source().id() + ", "
              + ReportText.perOp(p.metric().unit())
              + (p.metric().higherIsBetter() ? ", higher is better" : "") + "]", "class", "src")
          .text(" ").element("span", p.verdict().label(), "class",
              "badge " + VerdictStyle.tone(p.verdict()))
          .close("figcaption");
      h.trustedMarkup(SvgPlots.distributions(p.baseline(), Optional.of(p.current()),
          VerdictStyle.color(p.verdict()), p.metric().unit(), sides));
      p.otherSource().ifPresent(other -> h.element("p", (sides == Sides.BASELINE_AND_CURRENT
          ? "The baseline was measured by " + other + ", this run by "
          : sides.first() + " was measured by " + other + ", " + sides.second() + " by ")
          + p.metric().source().id() + ": not comparable, not drawn.", "class", "note"));
      h.open("div", "class", "stats").text("median "
          + p.baseline().map(s -> Numbers.format(s.median())).orElse("-") + " → "
          + Numbers.format(p.current().median()) + " · n "
          + p.baseline().map(s -> s.values().length).orElse(0) + " / "
          + p.current().values().length);
      p.comparison().ifPresent(c -> h.open("br").open("span", "class", "ratio").text("ratio ")
          .element("b", Numbers.format(c.ratio()))
          .text(" (" + Numbers.percent(c.changePercent()) + "), 95% CI ")
          .element("b", ReportText.ci(c)).text(", p " + Numbers.format(c.pValue()))
          .close("span"));
      h.close("div").close("figure").text("\n");
    }
    h.close("div").text("\n");
  }

  static void vmExits(HtmlWriter h, List<TestReport.VmExitPanel> panels, Sides sides) {
    if (panels.isEmpty()) {
      return;
    }
    h.element("h3", "VM exits per op by reason (model estimate, median)").text("\n")
        .open("div", "class", "plots").text("\n");
    for (TestReport.VmExitPanel p : panels) {
      String color = VerdictStyle.color(p.worst());
      h.open("figure", "class", "vmexit", "data-host", p.host()).open("figcaption")
          .text("host profile ").element("b", p.host()).text(" ")
          .open("span", "class", "legend").element("i", "", "style",
              "background:" + SvgPlots.BASELINE_COLOR).text(sides.first() + " ")
          .element("i", "", "style", "background:" + color).text(sides.second()).close("span")
          .close("figcaption");
      h.trustedMarkup(SvgPlots.vmExits(p.bars(), color, sides));
      h.close("figure").text("\n");
    }
    h.close("div").text("\n");
  }
}
