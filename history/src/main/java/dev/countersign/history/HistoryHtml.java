package dev.countersign.history;

import static dev.countersign.report.Html.escape;

import dev.countersign.history.HistoryAnalysis.TrendOpenChange;
import dev.countersign.stats.Numbers;
import java.util.List;

/**
 * The history page ({@code target/countersign/history.html}): the open change points, regressions
 * first, then one plot per trend. Self-contained: no script, no external resource.
 */
public final class HistoryHtml {

  private HistoryHtml() {}

  /**
   * @param module the module ({@code groupId:artifactId})
   * @param store where the history was read from (no credentials)
   * @param trends the analysed trends
   */
  public static String render(String module, String store, List<Trend> trends) {
    List<TrendOpenChange> open = HistoryAnalysis.open(trends);
    StringBuilder h = new StringBuilder(32 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Countersign history</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:1.5rem;color:#212121}")
        .append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;")
        .append("text-align:left}td.num{text-align:right}.regression{color:#c62828;font-weight:600}")
        .append(".improvement{color:#2e7d32}section{margin:1.5rem 0}h3{font-size:1rem}\n")
        .append("</style>\n</head>\n<body>\n<h1>History of ").append(escape(module))
        .append("</h1>\n<p>").append(trends.size()).append(" trend(s) from ").append(escape(store))
        .append(". A trend is one test, metric, source, unit and environment: they are never"
            + " mixed.</p>\n");
    h.append("<section id=\"open-change-points\"><h2>Open change points</h2>\n");
    if (open.isEmpty()) {
      h.append("<p>None: every trend is at the level it has held since its last change.</p>\n");
    } else {
      h.append("<table><thead><tr><th>trend</th><th>change</th><th>build</th><th>commits</th>"
          + "<th>before</th><th>after</th><th>p</th></tr></thead><tbody>\n");
      for (TrendOpenChange o : open) {
        TrendChange c = o.change();
        String cls = c.regression() ? "regression" : "improvement";
        h.append("<tr class=\"").append(cls).append("\"><td>").append(escape(o.key().label()))
            .append("</td><td class=\"num ").append(cls).append("\">")
            .append(escape(Numbers.percent(c.point().changePercent()))).append(' ')
            .append(c.regression() ? "REGRESSION" : "IMPROVEMENT").append("</td><td class=\"num\">")
            .append(c.point().index() + 1).append("</td><td><code>").append(escape(c.commitRange()))
            .append("</code></td><td class=\"num\">").append(escape(Numbers.format(c.point().meanBefore())))
            .append("</td><td class=\"num\">").append(escape(Numbers.format(c.point().meanAfter())))
            .append("</td><td class=\"num\">").append(escape(Numbers.format(c.point().pValue())))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("</section>\n<section id=\"trends\"><h2>Trends</h2>\n");
    for (Trend t : trends) {
      h.append("<section class=\"trend\"><h3>").append(escape(t.key().label())).append("</h3>\n")
          .append(TrendPlot.svg(t)).append("\n</section>\n");
    }
    h.append("</section>\n<footer>Change points: E-divisive means with a Student t test"
        + " (docs/history.md). Build numbers count from the oldest build shown.</footer>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }
}
