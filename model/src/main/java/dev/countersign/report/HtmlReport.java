package dev.countersign.report;

import static dev.countersign.report.Html.escape;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.events.VmExitMetric;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS, script and SVG; nothing
 * fetched) that says what regressed, by how much, how sure the comparison is, and on which
 * machine. Every text from results and baselines is escaped.
 *
 * <p>The page reads a URL fragment on load, e.g. {@code #filter=REGRESSION,OVER_BUDGET&sort=change&dir=desc}:
 * {@code filter} is a comma list of verdict names ({@link Verdict#name()}) to show, {@code sort} a
 * column key ({@code metric source baseline current change ci p verdict note}), {@code dir} {@code
 * asc} (default) or {@code desc}. The same state is reachable by clicking.
 *
 * <p>Longer than 300 lines, not yet split: the page's sections (summary, findings, per-test
 * tables, plots, environment) are the natural parts, and their split waits for one report model
 * that every renderer reads (issue 12, not done), not to move code other issues change now.
 */
public final class HtmlReport {

  private HtmlReport() {}

  /** The report page for a finished check. */
  public static String render(CheckReport report) {
    Map<String, TestView> tests = collect(report);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Countersign report</title>\n<style>\n").append(resource("report.css"))
        .append("</style>\n</head>\n");
    boolean failed = !report.failures().isEmpty();
    h.append("<body data-status=\"").append(failed ? "failed" : "passed").append("\">\n");
    header(h, report, failed);
    findings(h, report, tests);
    toolbar(h, report);
    int i = 0;
    for (TestView t : tests.values()) {
      testSection(h, t, i++);
    }
    h.append("<footer>Comparison: ").append(escape(report.method())).append("; default threshold ")
        .append(escape(Numbers.format(report.settings().thresholdPercent())))
        .append("%. Plots: each dot is one measured iteration (per op); box = quartiles, thick line"
            + " = median, whiskers = min to max.</footer>\n");
    h.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Per test: its result (if it ran), its baseline (if any), its rows; in the order of the rows. */
  record TestView(String key, Optional<TestResult> result, Optional<Baseline> baseline,
      List<CheckRow> rows) {
    String title() {
      return result.map(r -> r.test().displayName())
          .or(() -> baseline.map(b -> b.test().displayName()))
          .filter(s -> s != null && !s.isBlank())
          .orElse(key);
    }

    String qualified() {
      return result.map(r -> r.test().className() + "#" + r.test().methodName())
          .or(() -> baseline.map(b -> b.test().className() + "#" + b.test().methodName()))
          .orElse(key);
    }

    /** "bytes/op", "ops/ms": the unit of a metric's values as shown, or "per op" when unknown. */
    String unitOf(String metric) {
      return result.flatMap(r -> r.metric(metric)).map(m -> perOp(m.unit())).orElse("per op");
    }

    Optional<CheckRow> rowOf(String metric) {
      return rows.stream().filter(r -> r.metric().equals(metric)).findFirst();
    }

    /** The worst verdict of the metrics the test declared (informational rows do not count). */
    Verdict worst() {
      List<String> informational = result.map(TestResult::informational).orElse(List.of());
      return rows.stream().filter(r -> !informational.contains(r.metric())).map(CheckRow::verdict)
          .min((a, b) -> Integer.compare(VerdictStyle.rank(a), VerdictStyle.rank(b)))
          .orElse(Verdict.UNCHANGED);
    }
  }

  static Map<String, TestView> collect(CheckReport report) {
    Map<String, List<CheckRow>> rows = new TreeMap<>();
    for (CheckRow r : report.rows()) {
      rows.computeIfAbsent(r.test(), k -> new ArrayList<>()).add(r);
    }
    Map<String, TestResult> results = new TreeMap<>();
    for (TestResult r : report.results()) {
      results.put(r.test().key(), r);
    }
    Map<String, TestView> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<CheckRow>> e : rows.entrySet()) {
      out.put(e.getKey(), new TestView(e.getKey(), Optional.ofNullable(results.get(e.getKey())),
          Optional.ofNullable(report.baselines().get(e.getKey())), e.getValue()));
    }
    for (TestResult r : report.results()) {
      out.putIfAbsent(r.test().key(), new TestView(r.test().key(), Optional.of(r),
          Optional.ofNullable(report.baselines().get(r.test().key())), List.of()));
    }
    return out;
  }

  private static void header(StringBuilder h, CheckReport report, boolean failed) {
    h.append("<header>\n<h1>Countersign performance report</h1>\n");
    Map<Verdict, Long> counts = counts(report);
    h.append("<p class=\"status ").append(failed ? "bad" : "ok").append("\" id=\"status\">")
        .append(failed ? "FAILED" : "PASSED").append(" — ");
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(n + " " + v.label().toLowerCase(java.util.Locale.ROOT)));
    h.append(escape(report.rows().size() + " checks: " + String.join(", ", parts)));
    if (failed && !report.settings().failOnRegression()) {
      h.append(" (advisory: the build was not failed)");
    }
    h.append("</p>\n");
    report.results().stream().findFirst().ifPresent(r -> h.append("<p class=\"machine\">Measured on ")
        .append(escape(r.environment().cpuModel())).append(" · ")
        .append(r.environment().cpus()).append(" CPUs · ")
        .append(escape(r.environment().virtualization())).append(" · kernel ")
        .append(escape(r.environment().kernel())).append(" · ")
        .append(escape(r.environment().jvm())).append(" · mode ")
        .append(escape(r.configuration().mode())).append("</p>\n"));
    h.append("</header>\n");
  }

  /** Rows per verdict, worst verdict first. */
  private static Map<Verdict, Long> counts(CheckReport report) {
    Map<Verdict, Long> counts = new TreeMap<>(
        (a, b) -> Integer.compare(VerdictStyle.rank(a), VerdictStyle.rank(b)));
    report.rows().forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
    return counts;
  }

  /** Per test with something notable: where it ran, a flag for a foreign baseline, then its rows. */
  private static void findings(StringBuilder h, CheckReport report, Map<String, TestView> tests) {
    StringBuilder items = new StringBuilder();
    int i = 0;
    for (TestView t : tests.values()) {
      String anchor = "t" + i++;
      List<CheckRow> notable = t.rows().stream()
          .filter(r -> VerdictStyle.notable(r.verdict()) && !report.informational(r))
          .sorted((a, b) -> Integer.compare(VerdictStyle.rank(a.verdict()),
              VerdictStyle.rank(b.verdict())))
          .toList();
      if (notable.isEmpty()) {
        continue;
      }
      items.append("<li class=\"finding\"><a href=\"#").append(anchor).append("\">")
          .append(escape(t.title())).append("</a>");
      t.result().ifPresent(res -> items.append(" <span class=\"where\">on ")
          .append(escape(res.environment().cpuModel())).append(" (")
          .append(escape(res.environment().virtualization())).append(", mode ")
          .append(escape(res.configuration().mode())).append(")</span>"));
      items.append("\n<ul>\n");
      for (CheckRow r : notable) {
        items.append("<li data-verdict=\"").append(r.verdict().name()).append("\"><span class=\"badge ")
            .append(VerdictStyle.tone(r.verdict())).append("\">").append(escape(r.verdict().label()))
            .append("</span>");
        if (!r.metric().equals("-")) {
          items.append(" <b>").append(escape(r.metric())).append("</b>");
        }
        items.append(' ').append(escape(howMuch(r, t.unitOf(r.metric()))));
        if (!r.note().isEmpty() && r.comparison().isEmpty() && r.budget().isEmpty()) {
          items.append("<div class=\"note\">").append(escape(r.note())).append("</div>");
        }
        items.append("</li>\n");
      }
      items.append("</ul></li>\n");
    }
    h.append("<section id=\"findings\">\n<h2>What needs attention</h2>\n");
    environmentWarnings(tests.values()).forEach((w, titles) -> h.append("<p class=\"flag\">⚠ ")
        .append(escape(w)).append(" (").append(escape(whichTests(titles))).append(")</p>\n"));
    report.notes().forEach(n -> h.append("<p class=\"flag build-note\">ℹ ").append(escape(n))
        .append("</p>\n"));
    if (items.length() == 0) {
      h.append("<p class=\"allclear\">Every check is unchanged or within budget.</p>\n");
    } else {
      h.append("<ul>\n").append(items).append("</ul>\n");
    }
    h.append("</section>\n");
  }

  /**
   * "+98.2%: 96 → 190 bytes/op (ratio 1.982, 95% CI 1.95–2.01, p 0.0002)"; "-" for what was not
   * computed.
   */
  static String howMuch(CheckRow r, String unit) {
    if (r.comparison().isPresent()) {
      Comparison c = r.comparison().get();
      return Numbers.percent(r.changePercent()) + ": " + Numbers.format(r.baseline()) + " → "
          + Numbers.format(r.current()) + " " + unit + " (ratio " + Numbers.format(c.ratio())
          + ", 95% CI " + ci(c) + ", p " + Numbers.format(c.pValue()) + ")";
    }
    if (r.budget().isPresent()) {
      return r.note();
    }
    if (!Double.isNaN(r.current()) || !Double.isNaN(r.baseline())) {
      return Numbers.format(r.baseline()) + " → " + Numbers.format(r.current()) + " " + unit;
    }
    return "";
  }

  /** A unit per op: {@code bytes} becomes {@code bytes/op}; {@code ops/ms} or {@code B/op} stay. */
  static String perOp(String unit) {
    return unit.contains("/") ? unit : unit + "/op";
  }

  /** "0.95–1.02"; "exact" for a deterministic comparison; "-" when not computed. */
  static String ci(Comparison c) {
    if (Double.isNaN(c.ciLow()) || Double.isNaN(c.ciHigh())) {
      return "-";
    }
    if (c.ciLow() == c.ciHigh() && c.ciLow() == c.ratio()) {
      return "exact";
    }
    return Numbers.format(c.ciLow()) + "–" + Numbers.format(c.ciHigh());
  }

  private static void toolbar(StringBuilder h, CheckReport report) {
    Map<Verdict, Long> counts = counts(report);
    h.append("<nav class=\"toolbar\" id=\"toolbar\"><span class=\"tl\">Show verdicts:</span>\n");
    counts.forEach((v, n) -> h.append("<label class=\"badge ").append(VerdictStyle.tone(v))
        .append("\"><input type=\"checkbox\" checked data-verdict=\"").append(v.name())
        .append("\"> ").append(escape(v.label())).append(" (").append(n).append(")</label>\n"));
    h.append("<button type=\"button\" data-preset=\"all\">all</button>")
        .append("<button type=\"button\" data-preset=\"notable\">needs attention</button>")
        .append("<span class=\"tl\"><span id=\"shown\">").append(report.rows().size())
        .append("</span> of ").append(report.rows().size()).append(" rows shown")
        .append(" · click a column header to sort</span>\n</nav>\n");
  }

  private static void testSection(StringBuilder h, TestView t, int index) {
    Verdict worst = t.worst();
    h.append("<section class=\"test\" id=\"t").append(index).append("\" data-test=\"")
        .append(escape(t.key())).append("\" data-worst=\"").append(worst.name()).append("\">\n");
    h.append("<h2><span class=\"badge ").append(VerdictStyle.tone(worst)).append("\">")
        .append(escape(worst.label())).append("</span> <span class=\"title\">")
        .append(escape(t.title())).append("</span></h2>\n");
    h.append("<p class=\"qualified\">").append(escape(t.qualified())).append("</p>\n");
    Optional<EnvironmentDiff> env = environmentOf(t);
    env.ifPresent(e -> e.warnings().forEach(w -> h.append("<p class=\"flag\">⚠ ")
        .append(escape(w)).append("</p>\n")));
    verdictTable(h, t);
    t.result().ifPresent(r -> {
      distributions(h, t, r);
      vmExits(h, t, r);
    });
    env.ifPresent(e -> environment(h, e));
    t.result().ifPresent(r -> unavailable(h, r.unavailable()));
    h.append("</section>\n");
  }

  /**
   * Each distinct environment warning of the build, once, with the titles of the tests it
   * concerns (in report order): the same foreign baseline is reported once, not once per test.
   */
  static Map<String, List<String>> environmentWarnings(Collection<TestView> tests) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TestView t : tests) {
      environmentOf(t).ifPresent(e -> e.warnings().forEach(w ->
          out.computeIfAbsent(w, k -> new ArrayList<>()).add(t.title())));
    }
    return out;
  }

  /** "3 tests: a, b, c" or "12 tests, e.g. a, b, c". */
  static String whichTests(List<String> titles) {
    String n = titles.size() + (titles.size() == 1 ? " test" : " tests");
    return titles.size() <= 3 ? n + ": " + String.join(", ", titles)
        : n + ", e.g. " + String.join(", ", titles.subList(0, 3));
  }

  /** Baseline and current environment of a test that ran. */
  static Optional<EnvironmentDiff> environmentOf(TestView t) {
    return t.result().map(r -> {
      Optional<BaselineRun> b = t.baseline().map(Baseline::latest);
      return EnvironmentDiff.of(b.map(BaselineRun::environment).orElse(null),
          b.map(BaselineRun::configuration).orElse(null), r.environment(), r.configuration());
    });
  }

  private static final String[][] COLUMNS = {
    {"metric", "text", "Metric"}, {"source", "text", "Source"}, {"unit", "text", "Unit"},
    {"baseline", "num", "Baseline"}, {"current", "num", "Current"}, {"change", "num", "Change"},
    {"ci", "num", "Ratio (95% CI)"}, {"p", "num", "p"}, {"verdict", "num", "Verdict"},
    {"note", "text", "Note"}};

  private static void verdictTable(StringBuilder h, TestView t) {
    h.append("<table class=\"verdicts\">\n<thead><tr>");
    for (String[] c : COLUMNS) {
      h.append("<th data-key=\"").append(c[0]).append("\" data-type=\"").append(c[1])
          .append("\" tabindex=\"0\">").append(c[2]).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (CheckRow r : t.rows()) {
      Optional<Comparison> c = r.comparison();
      h.append("<tr data-verdict=\"").append(r.verdict().name()).append("\">");
      td(h, r.metric(), escape(r.metric()));
      td(h, r.source(), escape(r.source()));
      String unit = t.result().isPresent() ? t.unitOf(r.measuredMetric()) : "-";
      td(h, unit, escape(unit.equals("per op") ? "-" : unit));
      num(h, r.baseline(), Numbers.format(r.baseline()));
      num(h, r.current(), Numbers.format(r.current()));
      num(h, r.changePercent(), Numbers.percent(r.changePercent()));
      num(h, c.map(Comparison::ratio).orElse(Double.NaN),
          c.map(x -> Numbers.format(x.ratio()) + " (" + ci(x) + ")").orElse("-"));
      num(h, c.map(Comparison::pValue).orElse(Double.NaN),
          c.map(x -> Numbers.format(x.pValue())).orElse("-"));
      h.append("<td data-v=\"").append(VerdictStyle.rank(r.verdict())).append("\"><span class=\"badge ")
          .append(VerdictStyle.tone(r.verdict())).append("\">").append(escape(r.verdict().label()))
          .append("</span></td>");
      td(h, r.note(), escape(r.note()));
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void td(StringBuilder h, String sortValue, String html) {
    h.append("<td data-v=\"").append(escape(sortValue)).append("\">").append(html).append("</td>");
  }

  private static void num(StringBuilder h, double v, String text) {
    h.append("<td class=\"n\" data-v=\"").append(Double.isFinite(v) ? Double.toString(v) : "")
        .append("\">").append(escape(text)).append("</td>");
  }

  private static void distributions(StringBuilder h, TestView t, TestResult r) {
    if (r.metrics().isEmpty()) {
      return;
    }
    h.append("<h3>Distributions: baseline and current</h3>\n<div class=\"plots\">\n");
    for (MetricSeries m : r.metrics()) {
      Optional<CheckRow> row = t.rowOf(m.name());
      Verdict v = row.map(CheckRow::verdict).orElse(Verdict.UNCHANGED);
      Optional<Samples> pooled = t.baseline().flatMap(b -> Samples.ofBaseline(b, m.name()));
      // values of different sources are different quantities: never drawn on one axis
      Optional<Samples> base = pooled.filter(b -> b.source().equals(m.source().id()));
      Samples cur = Samples.of(m);
      h.append("<figure class=\"plot\" data-metric=\"").append(escape(m.name())).append("\">")
          .append("<figcaption><b>").append(escape(m.name())).append("</b> <span class=\"src\">[")
          .append(escape(m.source().id())).append(", ").append(escape(perOp(m.unit())))
          .append(m.higherIsBetter() ? ", higher is better" : "").append("]</span> <span class=\"badge ")
          .append(VerdictStyle.tone(v)).append("\">").append(escape(v.label())).append("</span>")
          .append("</figcaption>");
      h.append(SvgPlots.distributions(base, Optional.of(cur), VerdictStyle.color(v), m.unit()));
      if (pooled.isPresent() && base.isEmpty()) {
        h.append("<p class=\"note\">The baseline was measured by ")
            .append(escape(pooled.get().source())).append(", this run by ")
            .append(escape(m.source().id())).append(": not comparable, not drawn.</p>");
      }
      h.append("<div class=\"stats\">");
      h.append("median ").append(escape(base.map(s -> Numbers.format(s.median())).orElse("-")))
          .append(" → ").append(escape(Numbers.format(cur.median())))
          .append(" · n ").append(base.map(s -> s.values().length).orElse(0)).append(" / ")
          .append(cur.values().length);
      row.flatMap(CheckRow::comparison).ifPresent(c -> h.append("<br><span class=\"ratio\">ratio <b>")
          .append(escape(Numbers.format(c.ratio()))).append("</b> (")
          .append(escape(Numbers.percent(c.changePercent()))).append("), 95% CI <b>")
          .append(escape(ci(c))).append("</b>, p ").append(escape(Numbers.format(c.pValue())))
          .append("</span>"));
      h.append("</div></figure>\n");
    }
    h.append("</div>\n");
  }

  private static void vmExits(StringBuilder h, TestView t, TestResult r) {
    Map<String, List<SvgPlots.VmExitBar>> byHost = new TreeMap<>();
    Map<String, Verdict> worst = new TreeMap<>();
    for (MetricSeries m : r.metrics()) {
      // a bar per exit reason; the overhead (ns) is not a count of exits
      Optional<VmExitMetric> exits = VmExitMetric.parse(m.name()).filter(e -> !e.isOverhead());
      if (exits.isEmpty()) {
        continue;
      }
      String host = exits.get().host();
      double base = t.baseline().flatMap(b -> Samples.ofBaseline(b, m.name()))
          .map(Samples::median).orElse(Double.NaN);
      byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(new SvgPlots.VmExitBar(
          exits.get().reason().get().name(), base, Samples.of(m).median()));
      Verdict v = t.rowOf(m.name()).map(CheckRow::verdict).orElse(Verdict.UNCHANGED);
      worst.merge(host, v,
          (a, b) -> VerdictStyle.rank(a) <= VerdictStyle.rank(b) ? a : b);
    }
    if (byHost.isEmpty()) {
      return;
    }
    h.append("<h3>VM exits per op by reason (model estimate, median)</h3>\n<div class=\"plots\">\n");
    byHost.forEach((host, bars) -> {
      h.append("<figure class=\"vmexit\" data-host=\"").append(escape(host)).append("\">")
          .append("<figcaption>host profile <b>").append(escape(host)).append("</b>")
          .append(" <span class=\"legend\"><i style=\"background:").append(SvgPlots.BASELINE_COLOR)
          .append("\"></i>baseline <i style=\"background:")
          .append(VerdictStyle.color(worst.get(host))).append("\"></i>current</span></figcaption>");
      h.append(SvgPlots.vmExits(bars, VerdictStyle.color(worst.get(host))));
      h.append("</figure>\n");
    });
    h.append("</div>\n");
  }

  private static void environment(StringBuilder h, EnvironmentDiff e) {
    h.append("<h3>Environment</h3>\n<table class=\"env\"><thead><tr><th>field</th><th>baseline</th>")
        .append("<th>current</th></tr></thead><tbody>\n");
    for (EnvironmentDiff.Line l : e.lines()) {
      String cls = l.flagged() ? " class=\"diff critical\"" : l.differs() ? " class=\"diff\"" : "";
      h.append("<tr").append(cls).append("><th>").append(escape(l.label())).append("</th><td>")
          .append(escape(l.baseline())).append("</td><td>").append(escape(l.current()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void unavailable(StringBuilder h, List<UnavailableMetric> list) {
    if (list.isEmpty()) {
      return;
    }
    h.append("<h3>Unavailable metrics</h3>\n<table class=\"unavailable\"><thead><tr><th>metric</th>")
        .append("<th>source tried</th><th>error</th><th>why</th><th>what to do</th></tr></thead><tbody>\n");
    for (UnavailableMetric u : list) {
      h.append("<tr><td>").append(escape(u.name())).append("</td><td>")
          .append(escape(u.source().id())).append("</td><td><code>").append(escape(u.error().id()))
          .append("</code></td><td>").append(escape(u.reason())).append("</td><td>")
          .append(escape(u.remedy())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
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
