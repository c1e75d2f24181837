package dev.countersign.history;

import dev.countersign.history.HistoryAnalysis.TrendOpenChange;
import dev.countersign.report.HtmlWriter;
import dev.countersign.stats.Numbers;
import java.util.List;

/**
 * The history page ({@code target/countersign/history.html}): the open change points, regressions
 * first, then one plot per trend. Self-contained: no script, no external resource. Written by an
 * {@link HtmlWriter}, so every name from the store is escaped.
 */
public final class HistoryHtml {

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#212121}"
          + "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;"
          + "text-align:left}td.num{text-align:right}.regression{color:#c62828;font-weight:600}"
          + ".improvement{color:#2e7d32}section{margin:1.5rem 0}h3{font-size:1rem}";

  private HistoryHtml() {}

  /**
   * @param module the module ({@code groupId:artifactId})
   * @param store where the history was read from (no credentials)
   * @param trends the analysed trends
   */
  public static String render(String module, String store, List<Trend> trends) {
    List<TrendOpenChange> open = HistoryAnalysis.open(trends);
    HtmlWriter h = new HtmlWriter(32 * 1024);
    h.trustedMarkup("<!DOCTYPE html>\n").open("html", "lang", "en").text("\n").open("head")
        .text("\n").open("meta", "charset", "utf-8").text("\n")
        .element("title", "Countersign history").text("\n").open("style").text("\n")
        .trustedMarkup(STYLE).text("\n").close("style").text("\n").close("head").text("\n")
        .open("body").text("\n").element("h1", "History of " + module).text("\n")
        .element("p", trends.size() + " trend(s) from " + store + ". A trend is one test, metric,"
            + " source, unit and environment: they are never mixed.").text("\n");
    h.open("section", "id", "open-change-points").element("h2", "Open change points").text("\n");
    if (open.isEmpty()) {
      h.element("p", "None: every trend is at the level it has held since its last change.")
          .text("\n");
    } else {
      h.open("table").open("thead").open("tr");
      for (String column : List.of("trend", "change", "build", "commits", "before", "after", "p")) {
        h.element("th", column);
      }
      h.close("tr").close("thead").open("tbody").text("\n");
      for (TrendOpenChange o : open) {
        TrendChange c = o.change();
        String cls = c.regression() ? "regression" : "improvement";
        h.open("tr", "class", cls).element("td", o.key().label())
            .element("td", Numbers.percent(c.point().changePercent()) + " "
                + (c.regression() ? "REGRESSION" : "IMPROVEMENT"), "class", "num " + cls)
            .element("td", c.point().index() + 1, "class", "num")
            .open("td").element("code", c.commitRange()).close("td")
            .element("td", Numbers.format(c.point().meanBefore()), "class", "num")
            .element("td", Numbers.format(c.point().meanAfter()), "class", "num")
            .element("td", Numbers.format(c.point().pValue()), "class", "num")
            .close("tr").text("\n");
      }
      h.close("tbody").close("table").text("\n");
    }
    h.close("section").text("\n").open("section", "id", "trends").element("h2", "Trends")
        .text("\n");
    for (Trend t : trends) {
      h.open("section", "class", "trend").element("h3", t.key().label()).text("\n")
          .trustedMarkup(TrendPlot.svg(t)).text("\n").close("section").text("\n");
    }
    h.close("section").text("\n").element("footer", "Change points: E-divisive means with a"
        + " Student t test (docs/history.md). Build numbers count from the oldest build shown.")
        .text("\n").close("body").text("\n").close("html").text("\n");
    return h.toString();
  }
}
