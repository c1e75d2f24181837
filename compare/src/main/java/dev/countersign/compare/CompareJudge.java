package dev.countersign.compare;

import dev.countersign.check.CheckReport;
import dev.countersign.check.Sides;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.check.MetricIdentity;
import dev.countersign.results.Baseline;
import dev.countersign.results.Budget;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RegressionLimit;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.BudgetCheck;
import dev.countersign.stats.BudgetJudge;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.ComparisonRequest;
import dev.countersign.stats.ComparisonSettings;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.PairedRatio;
import dev.countersign.stats.RelativeChange;
import dev.countersign.stats.RoundStatistic;
import dev.countersign.stats.Samples;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges the paired rounds of an A/B comparison, metric by metric: the per-round ratio B / A of
 * each side's round statistic ({@link RoundStatistic}: the 10th percentile of the iterations for
 * CPU time, the median otherwise; {@link PairedRatio}), its interval and paired t-test, the
 * p-values of all metrics corrected together. Verdicts as {@code check}'s: REGRESSION when
 * significant after correction and the whole interval is beyond the threshold; UNCHANGED when the
 * whole interval is inside it; INCONCLUSIVE otherwise, with the reason. A metric constant within and across all rounds on both
 * sides (a simulated count) is compared exactly, from one round. B's budgets ({@code
 * @CounterBudget}, {@code @VmExitBudget}) are judged as {@code check} judges them, on B's rounds.
 *
 * <p>A little over 300 lines: the pairing of rounds, the corrected decision and the rows are one
 * judgement, whose rules change together (docs/compare.md); the statistics themselves are {@link
 * PairedRatio}'s and {@link RoundStatistic}'s.
 */
public final class CompareJudge {

  private final CompareSettings settings;
  private final double alpha = ComparisonSettings.DEFAULT_ALPHA;
  private final double confidence = ComparisonSettings.DEFAULT_CONFIDENCE;

  public CompareJudge(CompareSettings settings) {
    this.settings = settings;
  }

  /** A paired comparison waiting for the build's correction. */
  private record Pending(int row, ComparisonRequest request, PairedRatio paired) {}

  /**
   * @param a per round, A's results by test id ({@link Compare#idOf})
   * @param b per round, B's results by test id, the same rounds
   * @param base what A is, for the notes
   */
  public CheckReport judge(List<Map<String, TestResult>> a, List<Map<String, TestResult>> b,
      BaseRevision base) {
    return judge(a, b, base, "working tree", "the checkout compare runs in");
  }

  /**
   * @param bRef what B is called in the reports ("working tree")
   * @param bDetail what else identifies B ("HEAD 89abcdef01, with uncommitted changes")
   * @see #judge(List, List, BaseRevision)
   */
  public CheckReport judge(List<Map<String, TestResult>> a, List<Map<String, TestResult>> b,
      BaseRevision base, String bRef, String bDetail) {
    Map<String, TestResult> firstA = a.get(0);
    Map<String, TestResult> firstB = b.get(0);
    List<CheckRow> rows = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    Map<String, Baseline> asBaselines = new TreeMap<>();
    String at = base.ref() + " (" + base.commit().substring(0, Math.min(10, base.commit().length()))
        + ")";

    for (Map.Entry<String, TestResult> e : new TreeMap<>(firstB).entrySet()) {
      TestResult r = e.getValue();
      String test = r.test().key();
      if (!firstA.containsKey(e.getKey())) {
        rows.add(row(test, "-", "-", Double.NaN, Double.NaN, Double.NaN, Verdict.NO_BASELINE,
            "new: this test is not at " + at + ", so there is nothing to compare it with; not"
                + " judged"));
        continue;
      }
      // A's rounds pooled as B's are (PooledRounds): the report shows both sides alike, their
      // environments and configurations (iterations and forks over all rounds) side by side
      asBaselines.put(test, new Baseline(Baseline.SCHEMA_VERSION, r.test(),
          List.of(BaselineRun.of(PooledRounds.of(roundsOf(a, e.getKey()))))));
      for (MetricSeries m : r.metrics()) {
        judgeMetric(e.getKey(), r, m, a, b, at, rows, pending);
      }
      for (UnavailableMetric u : r.unavailable()) {
        rows.add(CheckRow.unmeasured(test, u.name(), u.source().id(), Double.NaN,
            Verdict.UNAVAILABLE, u.describe(), u.error()));
      }
    }
    for (Map.Entry<String, TestResult> e : new TreeMap<>(firstB).entrySet()) {
      for (Budget budget : e.getValue().budgets()) {
        budgetRow(e.getKey(), e.getValue(), budget, b).ifPresent(rows::add);
      }
    }
    for (Map.Entry<String, TestResult> e : new TreeMap<>(firstA).entrySet()) {
      if (!firstB.containsKey(e.getKey())) {
        rows.add(row(e.getValue().test().key(), "-", "-", Double.NaN, Double.NaN, Double.NaN,
            Verdict.NOT_RUN, "only at " + at + ": removed or renamed in this working tree; not"
                + " judged"));
      }
    }

    double[] p = new double[pending.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = pending.get(i).paired().pValue();
    }
    double[] adjusted = settings.correction().adjust(p);
    for (int i = 0; i < p.length; i++) {
      Pending q = pending.get(i);
      rows.set(q.row(), decide(rows.get(q.row()), q, adjusted[i]));
    }
    rows.sort(Comparator.comparing(CheckRow::test).thenComparing(CheckRow::metric));
    List<TestResult> pooledB = new ArrayList<>();
    for (String id : new TreeMap<>(b.get(b.size() - 1)).keySet()) {
      pooledB.add(PooledRounds.of(roundsOf(b, id)));
    }
    pooledB.sort(Comparator.comparing(x -> x.test().key()));
    return new CheckReport(rows, describe(base, a.size()), new CheckSettings(
        settings.thresholdPercent(), settings.failOnRegression(), false, settings.correction()),
        pooledB, asBaselines, Sides.ab(base.ref(), shortCommit(base) + ", " + base.chosenBy(),
            bRef, bDetail));
  }

  private static String shortCommit(BaseRevision base) {
    return base.commit().substring(0, Math.min(10, base.commit().length()));
  }

  /** The method, for the table's footer and the reports. */
  String describe(BaseRevision base, int rounds) {
    return "A/B against " + base.ref() + " (" + base.commit().substring(0,
        Math.min(10, base.commit().length())) + ", " + base.chosenBy() + "): " + rounds
        + " round(s) of fresh JVMs, A and B alternately in a seeded random order; per metric the"
        + " per-round ratio B/A of the iterations' 10th percentile (CPU time) or median (other"
        + " metrics), " + pct(confidence) + " t interval of its geometric"
        + " mean and a paired t-test on the log ratios, alpha " + alpha + ", "
        + settings.correction().label() + " across the comparison's metrics; constant metrics"
        + " compared exactly";
  }

  private void judgeMetric(String id, TestResult r, MetricSeries m,
      List<Map<String, TestResult>> a, List<Map<String, TestResult>> b, String at,
      List<CheckRow> rows, List<Pending> pending) {
    String test = r.test().key();
    String source = m.source().id();
    int n = a.size();
    double[] am = new double[n];
    double[] bm = new double[n];
    List<Double> pooledA = new ArrayList<>();
    List<Double> pooledB = new ArrayList<>();
    boolean constant = true;
    RoundStatistic statistic = RoundStatistic.forMetric(m.name());
    for (int k = 0; k < n; k++) {
      Optional<MetricSeries> x = metric(a.get(k).get(id), m.name());
      Optional<MetricSeries> y = metric(b.get(k).get(id), m.name());
      if (x.isEmpty() || y.isEmpty()) {
        rows.add(row(test, m.name(), source, Double.NaN, Double.NaN, Double.NaN,
            Verdict.INCONCLUSIVE, "no result of this metric from side " + (x.isEmpty() ? "A" : "B")
                + " in round " + (k + 1) + " (the test failed or was not run there: see"
                + " target/countersign/compare/round-" + (k + 1) + "); not judged"));
        return;
      }
      TestResult ra = a.get(k).get(id);
      TestResult rb = b.get(k).get(id);
      Optional<String> differs = MetricIdentity.of(y.get(), rb)
          .differenceFromA(MetricIdentity.of(x.get(), ra),
              ra.configuration().mode(), rb.configuration().mode());
      if (differs.isPresent()) {
        rows.add(row(test, m.name(), source, Double.NaN, Double.NaN, Double.NaN,
            Verdict.INCOMPARABLE, "A (" + at + ") and B measure this metric differently in round "
                + (k + 1) + ": " + differs.get()));
        return;
      }
      double[] xv = x.get().values();
      double[] yv = y.get().values();
      am[k] = statistic.of(xv);
      bm[k] = statistic.of(yv);
      constant &= isConstant(xv) && isConstant(yv) && am[k] == am[0] && bm[k] == bm[0];
      x.get().perOp().forEach(pooledA::add);
      y.get().perOp().forEach(pooledB::add);
    }
    double aCenter = Samples.median(am);
    double bCenter = Samples.median(bm);
    if (r.informational().contains(m.name())) {
      rows.add(row(test, m.name(), source, aCenter, bCenter, RelativeChange.percent(aCenter, bCenter),
          Verdict.INFORMATIONAL, "recorded for information: the test declares no limit on it"));
      return;
    }
    double t = threshold(r, m.name()) / 100;
    if (constant) {
      double ratio = aCenter == 0 ? (bCenter == 0 ? 1 : Double.POSITIVE_INFINITY)
          : bCenter / aCenter;
      Verdict v = worse(m, ratio, ratio, t) ? Verdict.REGRESSION
          : better(m, ratio, ratio, t) ? Verdict.IMPROVEMENT : Verdict.UNCHANGED;
      rows.add(row(test, m.name(), source, aCenter, bCenter, (ratio - 1) * 100, v,
          "deterministic: exact comparison (constant in " + n + " round(s) on both sides)"));
      return;
    }
    if (n < 2) {
      rows.add(row(test, m.name(), source, aCenter, bCenter, RelativeChange.percent(aCenter, bCenter),
          Verdict.INCONCLUSIVE, "varies within a round, and only one round ran: set"
              + " countersign.rounds to 2 or more (default " + CompareSettings.DEFAULT_ROUNDS + ")"));
      return;
    }
    for (int k = 0; k < n; k++) {
      if (!(am[k] > 0 && bm[k] > 0)) {
        rows.add(row(test, m.name(), source, aCenter, bCenter, RelativeChange.percent(aCenter, bCenter),
            Verdict.INCONCLUSIVE, "a " + statistic.label() + " of 0 in round " + (k + 1) + " (A "
                + Numbers.format(am[k])
                + ", B " + Numbers.format(bm[k]) + ") leaves the ratio undefined; an absolute"
                + " budget (@CounterBudget) suits this metric better"));
        return;
      }
    }
    PairedRatio paired = PairedRatio.of(am, bm, confidence);
    ComparisonRequest request = new ComparisonRequest(test, m.name(), toArray(pooledA),
        toArray(pooledB), t * 100, m.higherIsBetter());
    pending.add(new Pending(rows.size(), request, paired));
    rows.add(row(test, m.name(), source, aCenter, bCenter, paired.changePercent(),
        Verdict.INCONCLUSIVE, ""));
  }

  /**
   * A budget of B's test, judged as {@code check} judges it, on B's iterations of every round
   * together, each round a group ({@link BudgetJudge} resamples groups first, so the spread
   * between JVMs counts). A budget is B's alone: A's code may not have met it.
   */
  private static Optional<CheckRow> budgetRow(String id, TestResult r, Budget budget,
      List<Map<String, TestResult>> b) {
    Optional<MetricSeries> pooled = PooledRounds.metric(roundsOf(b, id), budget.metric());
    if (pooled.isEmpty()) {
      return Optional.empty(); // unavailable: listed as such with the metrics
    }
    BudgetCheck bc = BudgetJudge.judge(pooled.get(), budget.limitPerOp());
    return Optional.of(new CheckRow(r.test().key(), CheckRow.budgetLabel(budget.metric()),
        pooled.get().source().id(), budget.limitPerOp(), bc.measured(), Double.NaN, bc.verdict(),
        bc.message() + " (B, " + b.size() + " round(s))", Optional.empty(), Optional.of(bc)));
  }

  /** The test's results in the rounds that have one, in round order. */
  private static List<TestResult> roundsOf(List<Map<String, TestResult>> side, String id) {
    List<TestResult> rounds = new ArrayList<>();
    side.forEach(round -> Optional.ofNullable(round.get(id)).ifPresent(rounds::add));
    return rounds;
  }

  private CheckRow decide(CheckRow row, Pending q, double p) {
    PairedRatio pr = q.paired();
    double t = q.request().thresholdPercent() / 100;
    boolean higher = q.request().higherIsBetter();
    double lo = pr.low();
    double hi = pr.high();
    String ci = pct(confidence) + " CI of B/A " + Numbers.percent((lo - 1) * 100) + ".."
        + Numbers.percent((hi - 1) * 100) + " over " + pr.rounds() + " paired rounds";
    String pText = "paired t-test p = " + Numbers.compact(p) + " (" + settings.correction().id()
        + ")";
    String band = "±" + Numbers.compact(t * 100) + "%";
    boolean worse = higher ? hi < 1 - t : lo > 1 + t;
    boolean better = higher ? lo > 1 + t : hi < 1 - t;
    Verdict v;
    String note;
    if (p < alpha && worse) {
      v = Verdict.REGRESSION;
      note = ci + " beyond the threshold " + band + "; " + pText;
    } else if (p < alpha && better) {
      v = Verdict.IMPROVEMENT;
      note = ci + " beyond the threshold " + band + "; " + pText;
    } else if (lo >= 1 - t && hi <= 1 + t) {
      v = Verdict.UNCHANGED;
      note = ci;
    } else if (worse || better) {
      v = Verdict.INCONCLUSIVE;
      note = ci + " lies beyond " + band + " but is not significant after correction (" + pText
          + "): more rounds would decide (-Dcountersign.rounds=" + (2 * pr.rounds()) + ")";
    } else {
      v = Verdict.INCONCLUSIVE;
      note = ci + " reaches beyond " + band + ": the rounds disagree by more than the threshold;"
          + " more rounds would decide (-Dcountersign.rounds=" + (2 * pr.rounds()) + "), or a"
          + " threshold above this noise; " + pText;
    }
    Comparison c = new Comparison(q.request(), row.baseline(), row.current(), pr.ratio(), lo, hi, p,
        v, note);
    return new CheckRow(row.test(), row.metric(), row.source(), row.baseline(), row.current(),
        row.changePercent(), v, note, Optional.of(c), Optional.empty());
  }

  private double threshold(TestResult r, String metric) {
    return r.maxRegressions().stream()
        .filter(l -> l.metric().equals(metric))
        .mapToDouble(RegressionLimit::percent)
        .findFirst()
        .orElse(settings.thresholdPercent());
  }

  private static Optional<MetricSeries> metric(TestResult r, String name) {
    return r == null ? Optional.empty() : r.metric(name);
  }

  private static boolean worse(MetricSeries m, double lo, double hi, double t) {
    return m.higherIsBetter() ? hi < 1 - t : lo > 1 + t;
  }

  private static boolean better(MetricSeries m, double lo, double hi, double t) {
    return m.higherIsBetter() ? lo > 1 + t : hi < 1 - t;
  }

  private static boolean isConstant(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static CheckRow row(String test, String metric, String source, double a, double b,
      double change, Verdict v, String note) {
    return new CheckRow(test, metric, source, a, b, change, v, note, Optional.empty(),
        Optional.empty());
  }

  private static String pct(double fraction) {
    return Numbers.compact(fraction * 100) + "%";
  }
}
