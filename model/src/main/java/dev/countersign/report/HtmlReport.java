package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS, script and SVG; nothing
 * fetched) that says what regressed, by how much, how sure the comparison is, and on which
 * machine. It is written by an {@link HtmlWriter}, so every text from results and baselines is
 * escaped; the sections are {@link HtmlHeader} (status, machine, verdict toolbar), {@link
 * HtmlFindings} (what needs attention), {@link HtmlTestSection} (per test: verdicts, plots,
 * environment, unavailable metrics) and {@link HtmlPlots}.
 *
 * <p>The page reads a URL fragment on load, e.g. {@code #filter=REGRESSION,OVER_BUDGET&sort=change&dir=desc}:
 * {@code filter} is a comma list of verdict names ({@link Verdict#name()}) to show, {@code sort} a
 * column key ({@code metric source baseline current change ci p verdict note}), {@code dir} {@code
 * asc} (default) or {@code desc}. The same state is reachable by clicking.
 */
public final class HtmlReport {

  private HtmlReport() {}

  /** The report page for a finished check. */
  public static String render(CheckReport report) {
    return render(ReportModel.of(report));
  }

  static String render(ReportModel model) {
    HtmlWriter h = new HtmlWriter(64 * 1024);
    h.trustedMarkup("<!DOCTYPE html>\n").open("html", "lang", "en").text("\n").open("head")
        .text("\n").open("meta", "charset", "utf-8").text("\n")
        .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .text("\n").element("title", "Countersign report").text("\n").open("style").text("\n")
        .trustedMarkup(resource("report.css")).close("style").text("\n").close("head")
        .text("\n");
    h.open("body", "data-status", model.failed() ? "failed" : "passed").text("\n");
    HtmlHeader.header(h, model);
    HtmlFindings.write(h, model);
    HtmlHeader.toolbar(h, model);
    for (TestReport t : model.tests()) {
      HtmlTestSection.write(h, t);
    }
    h.element("footer", "Comparison: " + model.method() + "; default threshold "
        + Numbers.format(model.thresholdPercent()) + "%. Plots: each dot is one measured iteration"
        + " (per op); box = quartiles, thick line = median, whiskers = min to max.").text("\n");
    h.open("script").text("\n").trustedMarkup(resource("report.js")).close("script").text("\n")
        .close("body").text("\n").close("html").text("\n");
    return h.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/countersign/report/" + name
            + " in the Countersign jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
