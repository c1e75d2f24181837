package dev.countersign.check;

import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Budget;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RegressionLimit;
import dev.countersign.results.ResultStore;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.BudgetCheck;
import dev.countersign.stats.BudgetJudge;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.ComparisonRequest;
import dev.countersign.stats.MetricComparator;
import dev.countersign.stats.Samples;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a build's results with the committed baselines and budgets: the engine behind the
 * {@code check} goal. Reads every file first; a file that cannot be read is an error (a {@link
 * dev.countersign.results.CountersignFileException}), never "no baseline".
 */
public final class Check {

  private final MetricComparator comparator;

  public Check(MetricComparator comparator) {
    this.comparator = comparator;
  }

  public CheckReport run(ResultStore results, BaselineStore baselines, CheckSettings settings) {
    return run(results, List.of(), baselines, settings);
  }

  /**
   * Like {@link #run(ResultStore, BaselineStore, CheckSettings)}, with further results that were
   * not written by the JUnit extension (e.g. JMH benchmarks read by {@code
   * dev.countersign.results.JmhResults}). They are gated like the others; a series whose unit is a
   * throughput ({@link MetricSeries#higherIsBetter()}) counts an increase as an improvement.
   *
   * @param extra further results; their test keys must not collide with those in {@code results}
   */
  public CheckReport run(ResultStore results, List<TestResult> extra, BaselineStore baselines,
      CheckSettings settings) {
    List<TestResult> all = new ArrayList<>(results.readAll());
    all.addAll(extra);
    all.sort(Comparator.comparing(r -> r.test().key()));
    Map<String, Baseline> byTest = new TreeMap<>();
    Set<String> ran = new HashSet<>();
    List<CheckRow> rows = new ArrayList<>();
    List<ComparisonRequest> requests = new ArrayList<>();

    for (TestResult r : all) {
      String test = r.test().key();
      ran.add(r.test().fileName());
      Optional<Baseline> baseline = baselines.read(r.test());
      baseline.ifPresent(b -> byTest.put(test, b));
      for (MetricSeries current : r.metrics()) {
        if (r.informational().contains(current.name())) {
          rows.add(informationalRow(r, current, baseline));
          continue;
        }
        // a null row is filled once all comparisons of the build are decided together
        rows.add(compareRow(r, current, baseline, settings, requests).orElse(null));
      }
      for (UnavailableMetric u : r.unavailable()) {
        rows.add(unavailableRow(r, u, baseline));
      }
      for (Budget b : r.budgets()) {
        r.metric(b.metric()).ifPresent(series -> {
          BudgetCheck bc = BudgetJudge.judge(series, b.limitPerOp());
          rows.add(new CheckRow(test, CheckRow.budgetLabel(b.metric()), series.source().id(),
              b.limitPerOp(), bc.measured(), Double.NaN, bc.verdict(), bc.message(),
              Optional.empty(), Optional.of(bc)));
        });
      }
    }

    List<Comparison> comparisons = comparator.compareAll(requests);
    int next = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) == null) {
        Comparison c = comparisons.get(next++);
        ComparisonRequest q = c.request();
        rows.set(i, new CheckRow(q.test(), q.metric(), sourceOf(all, q), c.baselineCenter(),
            c.currentCenter(), c.changePercent(), c.verdict(), c.note(), Optional.of(c),
            Optional.empty()));
      }
    }

    for (Baseline b : baselines.readAllExcept(ran)) {
      byTest.put(b.test().key(), b);
      rows.add(CheckRow.plain(b.test().key(), "-", "-", Double.NaN, Double.NaN, Verdict.NOT_RUN,
          "a baseline exists but this build wrote no result for the test: it was skipped or"
              + " not selected (-Dtest), failed before measuring, its test JVM died, or it was"
              + " renamed (then delete " + baselines.fileOf(b.test()) + "). Results of"
              + " earlier builds are never judged"));
    }
    rows.sort(Comparator.comparing(CheckRow::test).thenComparing(CheckRow::metric));
    return new CheckReport(rows, comparator.describe(), settings, all, byTest);
  }

  private static String sourceOf(List<TestResult> all, ComparisonRequest q) {
    for (TestResult r : all) {
      if (r.test().key().equals(q.test())) {
        return r.metric(q.metric()).map(m -> m.source().id()).orElse("-");
      }
    }
    return "-";
  }

  /** A finished row, or empty after adding a comparison request to be decided together. */
  private static Optional<CheckRow> compareRow(TestResult r, MetricSeries current,
      Optional<Baseline> baseline, CheckSettings settings, List<ComparisonRequest> requests) {
    String test = r.test().key();
    double currentMedian = Samples.median(current.values());
    if (baseline.isEmpty()) {
      return Optional.of(CheckRow.plain(test, current.name(), current.source().id(), Double.NaN,
          currentMedian, Verdict.NO_BASELINE,
          "record one with 'mvn countersign:baseline' and commit src/test/countersign/"));
    }
    Optional<BaselinePool> pool = BaselinePool.of(baseline.get(), current.name());
    if (pool.isEmpty()) {
      return Optional.of(CheckRow.plain(test, current.name(), current.source().id(), Double.NaN,
          currentMedian, Verdict.NO_BASELINE,
          "the baseline has no samples of this metric; promote this run with"
              + " 'mvn countersign:baseline'"));
    }
    MetricSeries latest = pool.get().latest();
    Optional<String> incomparable = MetricIdentity.of(current, r)
        .differenceFrom(pool.get().latestIdentity(),
            baseline.get().latest().configuration().mode(), r.configuration().mode());
    if (incomparable.isPresent()) {
      return Optional.of(CheckRow.plain(test, current.name(), current.source().id(),
          Samples.median(latest.values()), currentMedian, Verdict.INCOMPARABLE,
          incomparable.get()));
    }
    double threshold = r.maxRegressions().stream()
        .filter(l -> l.metric().equals(current.name()))
        .mapToDouble(RegressionLimit::percent)
        .findFirst()
        .orElse(settings.thresholdPercent());
    double[] base = pool.get().values();
    int[] baseRuns = pool.get().groups();
    int[] forks = current.fork().size() == current.perOp().size()
        ? current.fork().stream().mapToInt(Integer::intValue).toArray() : new int[0];
    requests.add(new ComparisonRequest(test, current.name(), base, current.values(), threshold,
        current.higherIsBetter(), baseRuns, forks, current.source() == Source.SIM));
    return Optional.empty();
  }

  /**
   * A metric that could not be measured. When the test declares it and its baseline has samples
   * of it, the comparison the test asks for cannot be made: that fails like another source would
   * (INCOMPARABLE), so that a missing agent or a changed machine never passes a regression
   * silently. Otherwise the row only reports the diagnosis.
   */
  private static CheckRow unavailableRow(TestResult r, UnavailableMetric u,
      Optional<Baseline> baseline) {
    String test = r.test().key();
    Optional<MetricSeries> before = r.informational().contains(u.name()) ? Optional.empty()
        : baseline.flatMap(b -> b.latest().metrics().stream()
            .filter(m -> m.name().equals(u.name())).findFirst());
    if (before.isEmpty()) {
      return CheckRow.unmeasured(test, u.name(), u.source().id(), Double.NaN,
          Verdict.UNAVAILABLE, u.describe(), u.error());
    }
    return CheckRow.unmeasured(test, u.name(), u.source().id(),
        Samples.median(before.get().values()), Verdict.INCOMPARABLE,
        "the baseline has " + before.get().source().id() + " samples of this metric, but this"
            + " run could not measure it (" + u.describe() + "). Measure it as the baseline"
            + " did, or re-record the baseline with 'mvn countersign:baseline'", u.error());
  }

  /**
   * A metric the test did not declare: its medians and their change, for reading, without a
   * statistical verdict. A baseline of another meaning ({@link MetricIdentity}) is not used.
   */
  private static CheckRow informationalRow(TestResult r, MetricSeries current,
      Optional<Baseline> baseline) {
    String test = r.test().key();
    double now = Samples.median(current.values());
    MetricIdentity identity = MetricIdentity.of(current, r);
    double before = baseline.flatMap(b -> b.latest().metrics().stream()
            .filter(m -> m.name().equals(current.name()) && identity.sameMeaning(
                MetricIdentity.of(m, b.latest())))
            .findFirst())
        .map(m -> Samples.median(m.values()))
        .orElse(Double.NaN);
    double change = Double.isNaN(before) || before == 0 ? Double.NaN : (now / before - 1) * 100;
    return new CheckRow(test, current.name(), current.source().id(), before, now, change,
        Verdict.INFORMATIONAL, "recorded for information: the test declares no limit on it",
        Optional.empty(), Optional.empty());
  }
}
