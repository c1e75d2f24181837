package dev.countersign.stats;

import dev.countersign.settings.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The statistics engine of {@code check}. For each metric of each test:
 *
 * <ol>
 *   <li><b>Exact path.</b> When both sides are constant (a deterministic metric such as a simulated
 *       count), the ratio is exact: any change beyond the threshold is a verdict, no test on ties
 *       is run, and the comparison stays out of the multiple-testing family.
 *   <li><b>Effect size.</b> The ratio of medians, current / baseline, with a seeded percentile
 *       bootstrap interval ({@link MedianBootstrap}; the seed comes from the test and metric
 *       names, so the same inputs give the same interval in every build).
 *   <li><b>Significance.</b> A two-sided Wilcoxon–Mann–Whitney test ({@link RankSumTest}); the
 *       p-values of all comparisons of the build are corrected together ({@link Correction}).
 *   <li><b>Steady state.</b> A Mann–Kendall trend test over the current iterations ({@link
 *       MannKendallTest}), corrected across the build the same way.
 * </ol>
 *
 * Verdicts, with t the threshold and [lo, hi] the interval of the ratio:
 *
 * <ul>
 *   <li>REGRESSION: corrected p &lt; α and [lo, hi] wholly on the worse side of 1 ± t, where p is
 *       the larger of the rank test's and, when the baseline holds several runs or forks, the
 *       between-run test's ({@link RunNoise}): the change must be beyond the noise between runs;
 *   <li>IMPROVEMENT: the same on the better side;
 *   <li>UNCHANGED: [lo, hi] wholly inside [1 − t, 1 + t];
 *   <li>INCONCLUSIVE otherwise: also a change beyond the threshold but within the noise, and one
 *       of a {@linkplain TimeSensitiveMetrics time or scheduling metric} whose baseline is one run
 *       (noise unknown); and whenever the current iterations show a significant trend that
 *       moves them by more than half the threshold (not in steady state: biased samples are not
 *       compared); the note says why and what to do.
 * </ul>
 *
 * For a metric where higher is better (throughput), worse means a ratio below 1 − t.
 *
 * <p>Longer than 300 lines on purpose: the rules above are one decision table, and its measuring,
 * its correction across the build and its decision share one {@code Measured} record per request;
 * kept together, the table reads top to bottom as the verdicts are decided.
 */
public final class StatisticalComparator implements MetricComparator {

  private final ComparisonSettings settings;
  private final RankSumTest rankSum = new RankSumTest();

  public StatisticalComparator(ComparisonSettings settings) {
    this.settings = settings;
  }

  public ComparisonSettings settings() {
    return settings;
  }

  /** The statistics of one request before correction; null fields on the exact path. */
  record Measured(
      boolean exact,
      double baselineCenter,
      double currentCenter,
      double ratio,
      MedianBootstrap.Interval interval,
      RankSumResult rank,
      TrendResult trend,
      int baselineRuns,
      double runSpreadPercent,
      RunNoise noise,
      double noiseRatio) {

    Measured withNoise(RunNoise raised) {
      return new Measured(exact, baselineCenter, currentCenter, ratio, interval, rank, trend,
          baselineRuns, runSpreadPercent, raised, noiseRatio);
    }
  }

  @Override
  public List<Comparison> compareAll(List<ComparisonRequest> requests) {
    List<Measured> measured = new ArrayList<>(requests.size());
    for (ComparisonRequest r : requests) {
      measured.add(measure(r));
    }
    return decideAll(requests, measured);
  }

  @Override
  public String describe() {
    String correction = switch (settings.correction()) {
      case HOLM -> "Holm correction (family-wise error rate " + pct(settings.alpha()) + ")";
      case BENJAMINI_HOCHBERG -> "Benjamini-Hochberg correction (false-discovery rate "
          + pct(settings.alpha()) + ")";
      case NONE -> "no multiple-testing correction";
    };
    return "ratio of medians with " + pct(settings.confidence()) + " seeded bootstrap CI ("
        + settings.resamples() + " resamples; baseline runs and forks resampled as groups);"
        + " Mann-Whitney U (exact up to " + RankSumTest.EXACT_LIMIT + " per side without ties,"
        + " else normal with tie and continuity correction), alpha " + settings.alpha() + ", "
        + correction + " across the build's comparisons; a verdict needs significance and the"
        + " whole CI beyond the threshold, and beyond the between-run noise of a baseline of"
        + " several runs or forks (prediction t-test on the log of each run's median, for CPU"
        + " time its 10th percentile, in the same correction; for time, scheduling and page"
        + " faults at least the largest between-run noise of the metric in the build); measured"
        + " time, scheduling and page-fault"
        + " metrics of one-run baselines inconclusive; constant metrics compared exactly"
        + (settings.trendCheck() ? "; Mann-Kendall warm-up check" : "");
  }

  /** Everything about one request that does not depend on the other requests or the threshold. */
  Measured measure(ComparisonRequest r) {
    double[] base = r.baseline();
    double[] cur = r.current();
    double b = Samples.median(base);
    double c = Samples.median(cur);
    double ratio = MedianBootstrap.ratio(b, c);
    int[][] runs = Groups.members(base.length, r.baselineGroups());
    if (r.constantOnBothSides()) {
      return new Measured(true, b, c, ratio, new MedianBootstrap.Interval(ratio, ratio), null,
          null, runs.length, 0, RunNoise.unknown(1), ratio);
    }
    MedianBootstrap.Interval ci = MedianBootstrap.ratioInterval(base, r.baselineGroups(), cur,
        r.currentGroups(), Seeds.of("compare", r.test(), r.metric()), settings.resamples(),
        settings.confidence());
    RankSumResult rank = rankSum.test(base, cur);
    TrendResult trend = settings.trendCheck() ? MannKendallTest.test(cur, r.currentGroups())
        : TrendResult.none();
    double spread = 0;
    if (runs.length > 1 && b != 0) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int[] run : runs) {
        double[] v = new double[run.length];
        for (int k = 0; k < run.length; k++) {
          v[k] = base[run[k]];
        }
        double m = Samples.median(v);
        min = Math.min(min, m);
        max = Math.max(max, m);
      }
      spread = (max - min) / Math.abs(b) * 100;
    }
    // the between-run test on each run's statistic: for CPU time the least-disturbed tenth,
    // which a shared machine's state moves far less than the median (RoundStatistic)
    RoundStatistic statistic = RoundStatistic.forMetric(r.metric());
    RunNoise noise = RunNoise.of(base, r.baselineGroups(), settings.confidence(), statistic);
    double noiseRatio = statistic == RoundStatistic.MEDIAN ? ratio
        : MedianBootstrap.ratio(statistic.of(base), statistic.of(cur));
    return new Measured(false, b, c, ratio, ci, rank, trend, runs.length, spread, noise,
        noiseRatio);
  }

  /** Corrects the p-values of all non-exact requests together and decides every verdict. */
  List<Comparison> decideAll(List<ComparisonRequest> requests, List<Measured> unfloored) {
    List<Measured> measured = NoiseFloor.apply(requests, unfloored, settings.confidence());
    int n = requests.size();
    double[] p = new double[n];
    double[] trendP = new double[n];
    Arrays.fill(p, Double.NaN);
    Arrays.fill(trendP, Double.NaN);
    for (int i = 0; i < n; i++) {
      Measured m = measured.get(i);
      if (!m.exact()) {
        // a change must be both unlike the baseline's iterations and unlike its runs: the larger
        // p-value tests both at once (an intersection-union test), and enters the correction
        p[i] = m.noise().known() ? Math.max(m.rank().pValue(), m.noise().pValue(m.noiseRatio()))
            : m.rank().pValue();
        // an untestable trend (too few iterations) stays out of the family
        if (settings.trendCheck() && m.trend().s() != 0) {
          trendP[i] = m.trend().pValue();
        }
      }
    }
    double[] adjusted = settings.correction().adjust(p);
    double[] adjustedTrend = settings.correction().adjust(trendP);
    List<Comparison> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ComparisonRequest r = requests.get(i);
      Measured m = measured.get(i);
      out.add(m.exact() ? exact(r, m) : decide(r, m, adjusted[i], adjustedTrend[i]));
    }
    return out;
  }

  private static Comparison exact(ComparisonRequest r, Measured m) {
    double t = r.thresholdPercent() / 100;
    double ratio = m.ratio();
    Verdict v = worse(r, ratio, ratio, t) ? Verdict.REGRESSION
        : better(r, ratio, ratio, t) ? Verdict.IMPROVEMENT : Verdict.UNCHANGED;
    String note = "deterministic: exact comparison (no variance on either side)";
    // constant within each run is not constant between runs for what time or the heap decide
    // (page faults: 167 per invocation in one build, 0 in the next)
    if (v != Verdict.UNCHANGED && r.timeSensitive() && m.baselineRuns() < 2) {
      v = Verdict.INCONCLUSIVE;
      note = "constant on both sides, " + num((ratio - 1) * 100) + "% apart, but "
          + unknownNoise(r);
    }
    return new Comparison(r, m.baselineCenter(), m.currentCenter(), ratio, ratio, ratio,
        ratio == 1 ? 1.0 : 0.0, v, note);
  }

  /**
   * A metric of time or scheduling warms up by time as well as by count (its default warm-up time
   * is {@link Settings#DEFAULT_WARMUP_TIME}): a JIT still compiling after the invocations is what
   * that time is for, so the advice names it too.
   */
  private static String warmupAdvice(ComparisonRequest r) {
    String count = "increase warmup (@PerfTest(warmup = ...) or -Dcountersign.warmup=...)";
    return r.timeSensitive() ? count + " or the warm-up time (-D" + Settings.WARMUP_TIME
        + "=2s; default " + Settings.DEFAULT_WARMUP_TIME + ")" : count;
  }

  private static String unknownNoise(ComparisonRequest r) {
    return r.metric() + " depends on " + TimeSensitiveMetrics.dependsOn(r.metric())
        + " and the baseline is one run, so its between-run noise is unknown: record history (mvn"
        + " countersign:baseline -Dcountersign.history=5, five runs) or forks, or use 'mvn"
        + " countersign:compare' (A/B on the same machine)";
  }

  private Comparison decide(ComparisonRequest r, Measured m, double p, double trendP) {
    double t = r.thresholdPercent() / 100;
    double lo = m.interval().low();
    double hi = m.interval().high();
    boolean significant = p < settings.alpha();
    String ci = pct(settings.confidence()) + " CI of the change " + change(lo) + ".." + change(hi);
    String pText = "p = " + num(p) + " (" + settings.correction().id()
        + (m.noise().known() ? "; rank and between-run tests" : "") + ")";
    Verdict v;
    String note;
    double drift = m.trend().drift();
    double driftPercent = m.currentCenter() == 0
        ? (drift == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, drift))
        : drift / Math.abs(m.currentCenter()) * 100;
    if (trendP < settings.alpha() && Math.abs(driftPercent) > r.thresholdPercent() / 2) {
      v = Verdict.INCONCLUSIVE;
      note = "not in steady state: from first to last the measured iterations drift by "
          + Numbers.percent(driftPercent) + " of their median (Sen's slope; Mann-Kendall p = "
          + num(trendP)
          + ", " + settings.correction().id() + "): " + warmupAdvice(r)
          + "; samples with a trend are not compared";
    } else if (m.noise().known() && (worse(r, lo, hi, t) || better(r, lo, hi, t))
        && RoundStatistic.forMetric(r.metric()) != RoundStatistic.MEDIAN
        && m.noiseRatio() >= 1 - t && m.noiseRatio() <= 1 + t) {
      // the median moved, the least-disturbed tenth did not: the run was disturbed more or less
      v = Verdict.INCONCLUSIVE;
      note = ci + " beyond the threshold ±" + num(r.thresholdPercent()) + "%, but its "
          + RoundStatistic.forMetric(r.metric()).label() + " moved " + change(m.noiseRatio())
          + ", within the threshold: how much of the run the machine disturbed differs from the"
          + " baseline's runs, the code's least-disturbed cost does not. Use 'mvn"
          + " countersign:compare' (A/B on the same machine) to decide";
    } else if (withinNoise(r, m, lo, hi, t, p)) {
      v = Verdict.INCONCLUSIVE;
      note = ci + " beyond the threshold ±" + num(r.thresholdPercent()) + "% but within the"
          + " between-run noise the baseline measured (" + band(r, m.noise()) + " from "
          + m.noise().groups() + " runs or forks; " + pText + "): a change this size happens"
          + " between runs of unchanged code here. Use 'mvn countersign:compare' (A/B on the same"
          + " machine) to decide, or record more history";
    } else if ((worse(r, lo, hi, t) || better(r, lo, hi, t)) && significant
        && !m.noise().known() && r.timeSensitive()) {
      v = Verdict.INCONCLUSIVE;
      note = ci + " beyond the threshold ±" + num(r.thresholdPercent()) + "%; " + pText + ", but "
          + unknownNoise(r);
    } else if (significant && (worse(r, lo, hi, t) || better(r, lo, hi, t))) {
      v = worse(r, lo, hi, t) ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
      note = ci + " beyond the threshold ±" + num(r.thresholdPercent()) + "%"
          + (m.noise().known() ? " and the between-run noise " + band(r, m.noise()) : "")
          + "; " + pText;
    } else if (lo >= 1 - t && hi <= 1 + t) {
      v = Verdict.UNCHANGED;
      note = "";
    } else {
      v = Verdict.INCONCLUSIVE;
      note = inconclusiveReason(r, m, lo, hi, t, ci, pText);
    }
    return new Comparison(r, m.baselineCenter(), m.currentCenter(), m.ratio(), lo, hi, p, v, note);
  }

  private String inconclusiveReason(ComparisonRequest r, Measured m, double lo, double hi,
      double t, String ci, String pText) {
    StringBuilder why = new StringBuilder();
    int nb = r.baseline().length;
    int nc = r.current().length;
    boolean tooFew = !m.rank().ties() && nb <= RankSumTest.EXACT_LIMIT
        && nc <= RankSumTest.EXACT_LIMIT
        && 2 * rankSum.exactCdf(nb, nc)[0] >= settings.alpha();
    if (tooFew) {
      why.append("too few samples (").append(nb).append(" baseline, ").append(nc)
          .append(" current) for any significant result: at least 4 per side, 20 recommended");
    } else if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      why.append("the baseline median is 0 in some resamples, so the ratio is unbounded (")
          .append(ci).append("); an absolute budget (@CounterBudget) suits this metric better");
    } else if (worse(r, lo, hi, t) || better(r, lo, hi, t)) {
      why.append(ci).append(" lies beyond ±").append(num(r.thresholdPercent()))
          .append("% but is not significant after correction (").append(pText)
          .append("): more iterations would decide");
    } else {
      why.append(ci).append(" reaches beyond ±").append(num(r.thresholdPercent()))
          .append("%: more iterations would decide (or a threshold above the noise); ")
          .append(pText);
    }
    if (m.baselineRuns() > 1 && m.runSpreadPercent() > r.thresholdPercent() / 2) {
      why.append("; the baseline pools ").append(m.baselineRuns())
          .append(" runs (or forks) whose medians differ by up to ")
          .append(num(m.runSpreadPercent())).append("%, which widens the interval");
    }
    if (r.timeSensitive() && !m.noise().known() && !tooFew) {
      // more iterations alone would not make a change of this metric a verdict (first build: seen
      // on HdrHistogram's task-clock, where "more iterations would decide" was all it said)
      why.append("; a change beyond the threshold would stay inconclusive too, as ")
          .append(unknownNoise(r));
    }
    return why.toString();
  }

  /**
   * How a note states the between-run band: "+10.5%/-9.49% of the 10th percentile", and whether
   * it is the build's typical noise of the metric rather than the baseline's own.
   */
  private static String band(ComparisonRequest r, RunNoise noise) {
    RoundStatistic s = RoundStatistic.forMetric(r.metric());
    String of = s == RoundStatistic.MEDIAN ? "" : " of the " + s.label();
    if (Double.isInfinite(noise.sd())) {
      return "unbounded" + of + ": a baseline run measured 0 and another did not";
    }
    return "+" + num(noise.percent()) + "%/-" + num(noise.percentBelow()) + "%" + of
        + (noise.raised() ? ", the between-run noise the build measured for " + r.metric()
            + " (the largest of its tests'; this test's own runs agreed more closely)" : "");
  }

  /**
   * Beyond the threshold but not significant because the baseline's runs differ by as much: the
   * between-run test, not the rank test, is what kept the change from significance.
   */

  private boolean withinNoise(ComparisonRequest r, Measured m, double lo, double hi, double t,
      double p) {
    return m.noise().known() && p >= settings.alpha()
        && (worse(r, lo, hi, t) || better(r, lo, hi, t))
        && m.noise().pValue(m.noiseRatio()) > m.rank().pValue();
  }

  /** The whole interval on the worse side of the threshold. */
  private static boolean worse(ComparisonRequest r, double lo, double hi, double t) {
    return r.higherIsBetter() ? hi < 1 - t : lo > 1 + t;
  }

  /** The whole interval on the better side of the threshold. */
  private static boolean better(ComparisonRequest r, double lo, double hi, double t) {
    return r.higherIsBetter() ? lo > 1 + t : hi < 1 - t;
  }

  private static String change(double ratio) {
    return Numbers.percent((ratio - 1) * 100);
  }

  private static String pct(double fraction) {
    return num(fraction * 100) + "%";
  }

  private static String num(double v) {
    return Numbers.compact(v);
  }
}
