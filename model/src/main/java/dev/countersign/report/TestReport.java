package dev.countersign.report;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.Sides;
import dev.countersign.events.VmExitMetric;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One test as the reports show it.
 *
 * @param key the test key ({@code Class.method})
 * @param anchor its section's id in {@code report.html} ({@code t0}, {@code t1}, ...)
 * @param title its display name, or the key
 * @param qualified {@code Class#method}
 * @param result its result, if it ran
 * @param baseline its baseline, if any
 * @param rows its check rows, in table order
 * @param notable its rows that need attention, worst first
 * @param worst the worst verdict of the metrics it declared (informational rows do not count)
 * @param environment its baseline's and this run's environment, if it ran
 * @param plots one distribution plot per metric it measured
 * @param vmExits the VM-exit estimates per host profile
 * @param sides what the two sides compared are, for the labels
 */
record TestReport(
    String key,
    String anchor,
    String title,
    String qualified,
    Optional<TestResult> result,
    Optional<Baseline> baseline,
    List<CheckRow> rows,
    List<CheckRow> notable,
    Verdict worst,
    Optional<EnvironmentDiff> environment,
    List<MetricPlot> plots,
    List<VmExitPanel> vmExits,
    Sides sides) {

  /**
   * The baseline and current samples of one metric.
   *
   * @param metric this run's series
   * @param verdict its row's verdict (UNCHANGED without a row)
   * @param baseline the baseline's samples, when of the same source
   * @param otherSource the source of a baseline that is not drawn, being of another source
   * @param current this run's samples
   * @param comparison the comparison behind its row, if any
   */
  record MetricPlot(MetricSeries metric, Verdict verdict, Optional<Samples> baseline,
      Optional<String> otherSource, Samples current, Optional<Comparison> comparison) {}

  /** The VM-exit bars of one host profile, coloured by the worst verdict among them. */
  record VmExitPanel(String host, List<SvgPlots.VmExitBar> bars, Verdict worst) {}

  static TestReport of(CheckReport report, String key, String anchor, Optional<TestResult> result,
      Optional<Baseline> baseline, List<CheckRow> rows) {
    String title = result.map(r -> r.test().displayName())
        .or(() -> baseline.map(b -> b.test().displayName()))
        .filter(s -> s != null && !s.isBlank())
        .orElse(key);
    String qualified = result.map(r -> r.test().className() + "#" + r.test().methodName())
        .or(() -> baseline.map(b -> b.test().className() + "#" + b.test().methodName()))
        .orElse(key);
    List<String> informational = result.map(TestResult::informational).orElse(List.of());
    Verdict worst = rows.stream().filter(r -> !informational.contains(r.metric()))
        .map(CheckRow::verdict)
        .min((a, b) -> Integer.compare(VerdictStyle.rank(a), VerdictStyle.rank(b)))
        .orElse(Verdict.UNCHANGED);
    Optional<EnvironmentDiff> environment = result.map(r -> {
      Optional<BaselineRun> b = baseline.map(Baseline::latest);
      return EnvironmentDiff.of(b.map(BaselineRun::environment).orElse(null),
          b.map(BaselineRun::configuration).orElse(null), r.environment(), r.configuration());
    });
    List<MetricPlot> plots = result.map(r -> plots(r, baseline, rows)).orElse(List.of());
    List<VmExitPanel> vmExits = result.map(r -> vmExits(r, baseline, rows)).orElse(List.of());
    return new TestReport(key, anchor, title, qualified, result, baseline, List.copyOf(rows),
        ReportModel.notable(report, rows), worst, environment, plots, vmExits, report.sides());
  }

  /** "bytes/op", "ops/ms": the unit of a metric's values as shown, or "per op" when unknown. */
  String unitOf(String metric) {
    return result.flatMap(r -> r.metric(metric)).map(m -> ReportText.perOp(m.unit()))
        .orElse("per op");
  }

  private static Optional<CheckRow> rowOf(List<CheckRow> rows, String metric) {
    return rows.stream().filter(r -> r.metric().equals(metric)).findFirst();
  }

  private static List<MetricPlot> plots(TestResult r, Optional<Baseline> baseline,
      List<CheckRow> rows) {
    List<MetricPlot> out = new ArrayList<>();
    for (MetricSeries m : r.metrics()) {
      Optional<CheckRow> row = rowOf(rows, m.name());
      Optional<Samples> pooled = baseline.flatMap(b -> Samples.ofBaseline(b, m.name()));
      // values of different sources are different quantities: never drawn on one axis
      Optional<Samples> base = pooled.filter(b -> b.source().equals(m.source().id()));
      out.add(new MetricPlot(m, row.map(CheckRow::verdict).orElse(Verdict.UNCHANGED), base,
          base.isEmpty() ? pooled.map(Samples::source) : Optional.empty(), Samples.of(m),
          row.flatMap(CheckRow::comparison)));
    }
    return List.copyOf(out);
  }

  private static List<VmExitPanel> vmExits(TestResult r, Optional<Baseline> baseline,
      List<CheckRow> rows) {
    Map<String, List<SvgPlots.VmExitBar>> byHost = new TreeMap<>();
    Map<String, Verdict> worst = new TreeMap<>();
    for (MetricSeries m : r.metrics()) {
      // a bar per exit reason; the overhead (ns) is not a count of exits
      Optional<VmExitMetric> exits = VmExitMetric.parse(m.name()).filter(e -> !e.isOverhead());
      if (exits.isEmpty()) {
        continue;
      }
      String host = exits.get().host();
      double base = baseline.flatMap(b -> Samples.ofBaseline(b, m.name()))
          .map(Samples::median).orElse(Double.NaN);
      byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(new SvgPlots.VmExitBar(
          exits.get().reason().get().name(), base, Samples.of(m).median()));
      Verdict v = rowOf(rows, m.name()).map(CheckRow::verdict).orElse(Verdict.UNCHANGED);
      worst.merge(host, v, (a, b) -> VerdictStyle.rank(a) <= VerdictStyle.rank(b) ? a : b);
    }
    List<VmExitPanel> out = new ArrayList<>();
    byHost.forEach((host, bars) -> out.add(new VmExitPanel(host, List.copyOf(bars),
        worst.get(host))));
    return List.copyOf(out);
  }
}
