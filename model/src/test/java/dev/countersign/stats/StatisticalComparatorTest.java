package dev.countersign.stats;

import static dev.countersign.stats.MedianBootstrapTest.lognormal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticalComparatorTest {

  private final StatisticalComparator engine =
      new StatisticalComparator(ComparisonSettings.defaults());

  private Comparison one(ComparisonRequest r) {
    return engine.compareAll(List.of(r)).get(0);
  }

  private static ComparisonRequest req(String metric, double[] b, double[] c, double threshold) {
    return new ComparisonRequest("T.m", metric, b, c, threshold, false);
  }

  @Test
  void clearRegressionBeyondTheThreshold() {
    SplittableRandom r = new SplittableRandom(1);
    Comparison c = one(req("instructions", lognormal(r, 20, 100, 0.02), lognormal(r, 20, 110, 0.02),
        5));
    assertEquals(Verdict.REGRESSION, c.verdict(), c.note());
    assertTrue(c.ciLow() > 1.05 && c.ciHigh() > c.ciLow(), c.ciLow() + ".." + c.ciHigh());
    assertTrue(c.pValue() < 1e-6, "p " + c.pValue());
    assertTrue(c.note().contains("CI of the change") && c.note().contains("holm"), c.note());
    assertEquals(c.currentCenter() / c.baselineCenter(), c.ratio(), 1e-12);
  }

  @Test
  void clearImprovement() {
    SplittableRandom r = new SplittableRandom(2);
    Comparison c = one(req("branch-misses", lognormal(r, 20, 100, 0.02), lognormal(r, 20, 88, 0.02),
        5));
    assertEquals(Verdict.IMPROVEMENT, c.verdict(), c.note());
    assertTrue(c.ciHigh() < 0.95);
  }

  @Test
  void throughputIsBetterWhenHigher() {
    SplittableRandom r = new SplittableRandom(3);
    double[] base = lognormal(r, 20, 1000, 0.02);
    ComparisonRequest faster = new ComparisonRequest("T.m", "ops/s", base,
        lognormal(r, 20, 1100, 0.02), 5, true);
    ComparisonRequest slower = new ComparisonRequest("T.m", "ops/s", base,
        lognormal(r, 20, 880, 0.02), 5, true);
    List<Comparison> out = engine.compareAll(List.of(faster, slower));
    assertEquals(Verdict.IMPROVEMENT, out.get(0).verdict(), out.get(0).note());
    assertEquals(Verdict.REGRESSION, out.get(1).verdict(), out.get(1).note());
  }

  @Test
  void sameDistributionWithTightIntervalIsUnchanged() {
    SplittableRandom r = new SplittableRandom(4);
    Comparison c = one(req("instructions", lognormal(r, 20, 100, 0.01), lognormal(r, 20, 100, 0.01),
        5));
    assertEquals(Verdict.UNCHANGED, c.verdict(), c.note());
    assertTrue(c.ciLow() >= 0.95 && c.ciHigh() <= 1.05);
  }

  @Test
  void intervalStraddlingTheThresholdIsInconclusiveWithAReason() {
    SplittableRandom r = new SplittableRandom(5);
    Comparison c = one(req("task-clock", lognormal(r, 20, 100, 0.06), lognormal(r, 20, 105, 0.06),
        5));
    assertEquals(Verdict.INCONCLUSIVE, c.verdict());
    assertTrue(c.ciLow() < 1.05 && c.ciHigh() > 1.05, c.ciLow() + ".." + c.ciHigh());
    assertTrue(c.note().contains("reaches beyond ±5%") && c.note().contains("more iterations"),
        c.note());
    // a time metric of a one-run baseline: more iterations alone would not make it a verdict
    assertTrue(c.note().contains("between-run noise is unknown")
        && c.note().contains("countersign.history=5") && c.note().contains("countersign:compare"),
        c.note());
    SplittableRandom same = new SplittableRandom(5);
    Comparison work = one(req("instructions", lognormal(same, 20, 100, 0.06),
        lognormal(same, 20, 105, 0.06), 5));
    assertEquals(Verdict.INCONCLUSIVE, work.verdict());
    assertFalse(work.note().contains("between-run noise"), work.note());
  }

  @Test
  void deterministicMetricsTakeTheExactPath() {
    double[] base = {1000, 1000, 1000, 1000, 1000};
    double[] plusOnePercent = {1010, 1010, 1010, 1010, 1010};
    Comparison tight = one(req("instructions", base, plusOnePercent, 0.5));
    assertEquals(Verdict.REGRESSION, tight.verdict());
    assertEquals(1.01, tight.ratio(), 1e-12);
    assertEquals(tight.ratio(), tight.ciLow());
    assertEquals(0.0, tight.pValue());
    assertTrue(tight.note().startsWith("deterministic"));
    assertEquals(Verdict.UNCHANGED, one(req("instructions", base, plusOnePercent, 2)).verdict());
    assertEquals(Verdict.IMPROVEMENT,
        one(req("instructions", plusOnePercent, base, 0.5)).verdict());
    Comparison same = one(req("instructions", base, base.clone(), 0));
    assertEquals(Verdict.UNCHANGED, same.verdict());
    assertEquals(1.0, same.pValue());
  }

  @Test
  void exactComparisonsStayOutOfTheCorrectionFamily() {
    // a moderately significant change, alone except for many deterministic metrics
    List<ComparisonRequest> batch = new ArrayList<>();
    batch.add(req("noisy", seq(100, 10), seq(104.5, 10), 0));
    for (int k = 0; k < 40; k++) {
      batch.add(req("det" + k, new double[] {7, 7, 7}, new double[] {7, 7, 7}, 0));
    }
    List<Comparison> out = engine.compareAll(batch);
    Comparison alone = one(batch.get(0));
    assertEquals(alone.pValue(), out.get(0).pValue(), "family of one either way");
  }

  @Test
  void correctionAcrossTheBuildTurnsAChanceFindingInconclusive() {
    SplittableRandom r = new SplittableRandom(6);
    List<ComparisonRequest> batch = new ArrayList<>();
    // raw exact p = 2·P(U ≤ 15) for 10 vs 10 (between 0.001 and 0.01): significant alone
    batch.add(req("suspect", seq(100, 10), seq(104.5, 10), 0));
    for (int k = 0; k < 49; k++) {
      batch.add(req("m" + k, lognormal(r, 20, 100, 0.03), lognormal(r, 20, 100, 0.03), 5));
    }
    Comparison uncorrected = new StatisticalComparator(
        ComparisonSettings.defaults().withCorrection(Correction.NONE)).compareAll(batch).get(0);
    assertEquals(Verdict.REGRESSION, uncorrected.verdict(), uncorrected.note());
    assertTrue(uncorrected.pValue() > 0.001 && uncorrected.pValue() < 0.01);
    Comparison holm = engine.compareAll(batch).get(0);
    assertEquals(Verdict.INCONCLUSIVE, holm.verdict());
    assertEquals(Math.min(1, 50 * uncorrected.pValue()), holm.pValue(), 1e-12);
    assertTrue(holm.note().contains("not significant after correction"), holm.note());
  }

  @Test
  void aTrendAcrossIterationsIsNotComparedButReported() {
    SplittableRandom r = new SplittableRandom(7);
    double[] base = lognormal(r, 20, 100, 0.01);
    double[] warmingUp = new double[20];
    for (int i = 0; i < 20; i++) {
      warmingUp[i] = (130 - 1.5 * i) * Math.exp(0.01 * r.nextGaussian()); // 130 → 101.5
    }
    Comparison c = one(req("instructions", base, warmingUp, 5));
    assertEquals(Verdict.INCONCLUSIVE, c.verdict());
    assertTrue(c.note().startsWith("not in steady state") && c.note().contains("increase warmup"),
        c.note());
    // Sen's slope -1.5 over 19 steps, of the median ~116 (of the first, 130, it would be -21.9%)
    assertTrue(c.note().matches(".*drift by -2[45]\\.\\d+% of their median.*"), c.note());
    assertFalse(c.note().contains("warmupTime"), "a count warms up by count only: " + c.note());
    Comparison time = one(req("task-clock", base, warmingUp, 5));
    assertTrue(time.note().startsWith("not in steady state")
        && time.note().contains("-Dcountersign.warmupTime=2s; default 500ms"), time.note());
    StatisticalComparator off = new StatisticalComparator(new ComparisonSettings(0.05, 0.95,
        10_000, Correction.HOLM, false));
    assertEquals(Verdict.REGRESSION, off.compareAll(List.of(req("instructions", base, warmingUp, 5)))
        .get(0).verdict(), "without the check the biased samples would fail the build");
  }

  @Test
  void tooFewSamplesSayHowManyAreNeeded() {
    Comparison c = one(req("cycles", new double[] {100, 101, 102}, new double[] {200, 201, 202},
        5));
    assertEquals(Verdict.INCONCLUSIVE, c.verdict());
    assertTrue(c.note().contains("too few samples") && c.note().contains("at least 4"), c.note());
  }

  @Test
  void fromZeroToSomethingIsARegressionWithAnUnboundedRatio() {
    double[] base = new double[20];
    for (int i = 0; i < 5; i++) {
      base[i] = 1;
    }
    double[] cur = new double[20];
    java.util.Arrays.fill(cur, 3);
    Comparison c = one(req("cache-misses", base, cur, 5));
    assertEquals(Verdict.REGRESSION, c.verdict(), c.note());
    assertEquals(Double.POSITIVE_INFINITY, c.ratio());
  }

  /** equalsverifier, unchanged code, JDK 25: 167 faults per invocation in one build, 0 next. */
  private static final double[] FAULTS_BASELINE = {167, 167, 167, 167, 167, 167, 167, 167, 167,
      167};
  private static final double[] FAULTS_NEXT_BUILD = {0, 1, 0, 0, 0, 0, 0, 0, 0, 0};

  @Test
  void measuredPageFaultsAgainstAOneRunBaselineAreInconclusiveNotAVerdict() {
    Comparison c = one(req("page-faults", FAULTS_BASELINE, FAULTS_NEXT_BUILD, 5));
    assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.note());
    assertTrue(c.note().contains("page-faults depends on the heap's history"), c.note());
    assertTrue(c.note().contains("-Dcountersign.history=5"), c.note());
    // and the other way round, which would fail the build on unchanged code
    assertEquals(Verdict.INCONCLUSIVE,
        one(req("page-faults", FAULTS_NEXT_BUILD, FAULTS_BASELINE, 5)).verdict());
  }

  @Test
  void constantMeasuredFaultsThatDifferAreInconclusiveUntilTheBaselineHasRuns() {
    double[] zeros = new double[10];
    Comparison oneRun = one(req("minor-faults", FAULTS_BASELINE, zeros, 5));
    assertEquals(Verdict.INCONCLUSIVE, oneRun.verdict(), oneRun.note());
    assertTrue(oneRun.note().startsWith("constant on both sides, -100% apart, but minor-faults"),
        oneRun.note());
    // three promoted runs that all measured 167: the value is stable here, the change is real
    double[] threeRuns = new double[30];
    java.util.Arrays.fill(threeRuns, 167);
    int[] runs = new int[30];
    for (int i = 0; i < 30; i++) {
      runs[i] = i / 10;
    }
    Comparison judged = one(new ComparisonRequest("T.m", "minor-faults", threeRuns, zeros, 5,
        false, runs, new int[0]));
    assertEquals(Verdict.IMPROVEMENT, judged.verdict(), judged.note());
  }

  @Test
  void simulatedFaultsAndCyclesAreAModelAndJudgedAsSuch() {
    ComparisonRequest sim = new ComparisonRequest("T.m", "page-faults", FAULTS_BASELINE,
        FAULTS_NEXT_BUILD, 5, false, new int[0], new int[0], true);
    assertEquals(Verdict.IMPROVEMENT, one(sim).verdict());
    double[] cycles = new double[10];
    java.util.Arrays.fill(cycles, 1000);
    double[] more = new double[10];
    java.util.Arrays.fill(more, 1100);
    assertEquals(Verdict.REGRESSION, one(new ComparisonRequest("T.m", "cycles", cycles, more, 5,
        false, new int[0], new int[0], true)).verdict());
    assertEquals(Verdict.INCONCLUSIVE, one(req("cycles", cycles, more, 5)).verdict());
  }

  @Test
  void mostlyZeroOnBothSidesIsUnchanged() {
    double[] base = new double[20];
    double[] cur = new double[20];
    base[3] = 1;
    cur[7] = 1;
    cur[9] = 1;
    Comparison c = one(req("major-faults", base, cur, 5));
    assertEquals(Verdict.UNCHANGED, c.verdict(), c.note());
    assertEquals(1.0, c.ratio());
  }

  @Test
  void pooledBaselineRunsThatDisagreeMakeTheVerdictCautious() {
    SplittableRandom r = new SplittableRandom(8);
    double[] base = new double[60];
    int[] runs = new int[60];
    double[] levels = {94, 100, 106};
    for (int i = 0; i < 60; i++) {
      runs[i] = i / 20;
      base[i] = levels[runs[i]] * Math.exp(0.01 * r.nextGaussian());
    }
    double[] cur = lognormal(r, 20, 106, 0.01);
    ComparisonRequest grouped = new ComparisonRequest("T.m", "instructions", base, cur, 3, false,
        runs, new int[0]);
    Comparison c = one(grouped);
    assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.note());
    assertTrue(c.note().contains("the baseline pools 3 runs (or forks) whose medians differ"), c.note());
    // the same current run is one of the baseline's own levels: treating the pool as one run
    // would call it a regression
    Comparison flat = one(new ComparisonRequest("T.m", "instructions", base, cur, 3, false));
    assertEquals(Verdict.REGRESSION, flat.verdict(), flat.note());
  }

  /** A baseline of {@code runs} runs of 20 iterations each, run r at level × levels[r]. */
  private static ComparisonRequest pooled(String metric, double[] levels, double[] cur) {
    SplittableRandom r = new SplittableRandom(31);
    double[] base = new double[20 * levels.length];
    int[] runs = new int[base.length];
    for (int i = 0; i < base.length; i++) {
      runs[i] = i / 20;
      base[i] = levels[runs[i]] * Math.exp(0.01 * r.nextGaussian());
    }
    return new ComparisonRequest("T.m", metric, base, cur, 5, false, runs, new int[0]);
  }

  @Test
  void aTimeMetricWithAOneRunBaselineIsInconclusiveWithAdvice() {
    SplittableRandom r = new SplittableRandom(11);
    double[] base = lognormal(r, 20, 100, 0.02);
    double[] cur = lognormal(r, 20, 130, 0.02);
    for (String metric : List.of("task-clock", "context-switches", "cpu-migrations", "gc-time",
        "vmexit.intel-kvm-default.HLT")) {
      Comparison c = one(req(metric, base, cur, 5));
      assertEquals(Verdict.INCONCLUSIVE, c.verdict(), metric + ": " + c.note());
      assertTrue(c.note().contains("between-run noise is unknown")
          && c.note().contains("countersign.history=5")
          && c.note().contains("countersign:compare"), c.note());
    }
    // a count of work done keeps its verdict on a one-run baseline
    assertEquals(Verdict.REGRESSION, one(req("instructions", base, cur, 5)).verdict());
  }

  @Test
  void aChangeWithinTheBaselinesBetweenRunNoiseIsNotARegression() {
    SplittableRandom r = new SplittableRandom(12);
    // three promoted runs whose medians differ by ±6%: a run at +15% is within that noise
    ComparisonRequest q = pooled("task-clock", new double[] {94, 100, 106},
        lognormal(r, 20, 115, 0.01));
    Comparison c = one(q);
    assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.note());
    assertTrue(c.note().contains("within the between-run noise the baseline measured")
        && c.note().contains("from 3 runs or forks"), c.note());
    RunNoise noise = RunNoise.of(q.baseline(), q.baselineGroups(), 0.95);
    assertTrue(noise.percent() > 15, "noise " + noise);
  }

  /** 20 iterations: {@code disturbed} of them, spread out, at +25% (a busy sibling). */
  private static double[] machineStates(SplittableRandom r, int disturbed, double level) {
    double[] v = new double[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = level * (i * 7 % 20 < disturbed ? 1.25 : 1) * Math.exp(0.005 * r.nextGaussian());
    }
    return v;
  }

  @Test
  void cpuTimeBetweenRunsIsJudgedOnTheLeastDisturbedTenth() {
    SplittableRandom r = new SplittableRandom(15);
    // three baseline runs disturbed in 3-5 of their iterations: medians agree within 1%
    double[] base = new double[60];
    int[] runs = new int[60];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(machineStates(r, 3 + k, 100), 0, base, 20 * k, 20);
      java.util.Arrays.fill(runs, 20 * k, 20 * k + 20, k);
    }
    // unchanged code in a run disturbed for most of it: the median moves +25%, the tenth not
    Comparison busy = one(new ComparisonRequest("T.m", "task-clock", base,
        machineStates(r, 15, 100), 5, false, runs, new int[0]));
    assertEquals(Verdict.INCONCLUSIVE, busy.verdict(), busy.note());
    assertTrue(busy.note().contains("but its 10th percentile moved"), busy.note());
    // a median-based between-run test would have called it a regression
    RunNoise medians = RunNoise.of(base, runs, 0.95);
    assertTrue(medians.pValue(busy.ratio()) < 1e-3, medians.toString());
    // the code 25% slower moves the least-disturbed tenth too
    Comparison slower = one(new ComparisonRequest("T.m", "task-clock", base,
        machineStates(r, 4, 125), 5, false, runs, new int[0]));
    assertEquals(Verdict.REGRESSION, slower.verdict(), slower.note());
  }

  @Test
  void aChangeBeyondThresholdSignificanceAndNoiseIsARegression() {
    SplittableRandom r = new SplittableRandom(13);
    Comparison c = one(pooled("task-clock", new double[] {99.5, 100, 100.5},
        lognormal(r, 20, 125, 0.01)));
    assertEquals(Verdict.REGRESSION, c.verdict(), c.note());
    assertTrue(c.note().contains("and the between-run noise +"), c.note());
  }

  /** Build of one test whose three runs agree within 1% beside three whose runs spread by 2x. */
  private List<Comparison> buildWithNoisyNeighbours(String metric, double change) {
    SplittableRandom r = new SplittableRandom(16);
    List<ComparisonRequest> build = new ArrayList<>();
    ComparisonRequest quiet = pooled(metric, new double[] {99.5, 100, 100.5},
        lognormal(r, 20, 100 * change, 0.01));
    build.add(quiet);
    for (int k = 0; k < 3; k++) {
      ComparisonRequest q = pooled(metric, new double[] {60, 100, 170},
          lognormal(r, 20, 100, 0.01));
      build.add(new ComparisonRequest("N" + k + ".m", metric, q.baseline(), q.current(), 5,
          false, q.baselineGroups(), new int[0]));
    }
    return engine.compareAll(build);
  }

  @Test
  void aTimeMetricIsNotCreditedWithLessNoiseThanTheBuildsTypical() {
    // +40% where the test's own three runs say +-2%, its neighbours' a factor of 2: no verdict
    Comparison quiet = buildWithNoisyNeighbours("task-clock", 1.4).get(0);
    assertEquals(Verdict.INCONCLUSIVE, quiet.verdict(), quiet.note());
    assertTrue(quiet.note().contains("the between-run noise the build measured for task-clock"),
        quiet.note());
    // judged alone, its own runs would have made it a regression
    Comparison alone = one(pooled("task-clock", new double[] {99.5, 100, 100.5},
        lognormal(new SplittableRandom(16), 20, 140, 0.01)));
    assertEquals(Verdict.REGRESSION, alone.verdict(), alone.note());
    // a count of work keeps its own noise: the machine does not move it
    Comparison work = buildWithNoisyNeighbours("instructions", 1.4).get(0);
    assertEquals(Verdict.REGRESSION, work.verdict(), work.note());
    assertTrue(!work.note().contains("typical"), work.note());
  }

  @Test
  void runLevelNoiseGivesNoFalseAlarmsWhereIgnoringItWould() {
    // 200 A/A builds: every run (baseline or current) has its own level, CV 8% between runs,
    // 1% within: the situation of a shared CI VM
    SplittableRandom r = new SplittableRandom(14);
    int withNoise = 0;
    int ignoringNoise = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[] levels = new double[3];
      for (int k = 0; k < 3; k++) {
        levels[k] = 100 * Math.exp(0.08 * r.nextGaussian());
      }
      double[] cur = lognormal(r, 20, 100 * Math.exp(0.08 * r.nextGaussian()), 0.01);
      ComparisonRequest q = pooled("instructions", levels, cur);
      if (one(q).verdict() == Verdict.REGRESSION) {
        withNoise++;
      }
      if (one(new ComparisonRequest("T.m", "instructions", q.baseline(), cur, 5, false))
          .verdict() == Verdict.REGRESSION) {
        ignoringNoise++;
      }
    }
    // the 95% prediction band leaves 2.5% per side by construction: at most 5 of 200 plus slack
    assertTrue(withNoise <= 8, withNoise + " false REGRESSIONs of 200");
    assertTrue(ignoringNoise >= 40, "the pooled samples as one run should raise many false"
        + " alarms here, got " + ignoringNoise);
  }

  @Test
  void buildsOfEighteenNoisyMetricsKeepTheFamilyWiseRate() {
    // 50 A/A builds of 18 metrics (6 tests x task-clock, context-switches, cycles), each run at its
    // own level (CV 8% between runs, 1% within), against three-run baselines
    SplittableRandom r = new SplittableRandom(15);
    String[] metrics = {"task-clock", "context-switches", "cycles"};
    int failing = 0;
    for (int build = 0; build < 50; build++) {
      List<ComparisonRequest> family = new ArrayList<>();
      for (int k = 0; k < 18; k++) {
        double[] levels = new double[3];
        for (int j = 0; j < 3; j++) {
          levels[j] = 100 * Math.exp(0.08 * r.nextGaussian());
        }
        ComparisonRequest q = pooled(metrics[k % 3], levels,
            lognormal(r, 20, 100 * Math.exp(0.08 * r.nextGaussian()), 0.01));
        family.add(new ComparisonRequest("T" + k / 3 + ".m", q.metric(), q.baseline(), q.current(),
            5, false, q.baselineGroups(), new int[0]));
      }
      if (engine.compareAll(family).stream().anyMatch(c -> c.verdict() == Verdict.REGRESSION)) {
        failing++;
      }
    }
    // Holm keeps the family-wise rate at 5% two-sided, 2.5% for regressions: about 1 in 40
    assertTrue(failing <= 3, failing + " of 50 builds with a false REGRESSION");
  }

  @Test
  void sameInputsGiveIdenticalComparisons() {
    List<ComparisonRequest> a = batch(new SplittableRandom(99));
    List<ComparisonRequest> b = batch(new SplittableRandom(99));
    assertNotSame(a.get(0).baseline(), b.get(0).baseline());
    List<Comparison> first = new StatisticalComparator(ComparisonSettings.defaults()).compareAll(a);
    List<Comparison> second = new StatisticalComparator(ComparisonSettings.defaults()).compareAll(b);
    assertEquals(first, second);
    assertEquals(first.toString(), second.toString());
  }

  @Test
  void describeNamesTheCorrection() {
    assertTrue(engine.describe().contains("Holm correction (family-wise error rate 5%)"),
        engine.describe());
    assertTrue(Comparators.standard(Correction.BENJAMINI_HOCHBERG).describe()
        .contains("Benjamini-Hochberg correction (false-discovery rate 5%)"));
    assertTrue(Comparators.standard(Correction.NONE).describe()
        .contains("no multiple-testing correction"));
  }

  @Test
  void badSamplesAreClearErrors() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> req("cycles", new double[0], new double[] {1}, 5));
    assertTrue(empty.getMessage().contains("T.m cycles: the baseline has no samples"),
        empty.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> req("cycles", new double[] {1}, new double[] {Double.NaN}, 5));
    assertTrue(nan.getMessage().contains("current holds the value NaN"), nan.getMessage());
  }

  private static List<ComparisonRequest> batch(SplittableRandom r) {
    List<ComparisonRequest> out = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      out.add(req("m" + k, lognormal(r, 20, 100, 0.03), lognormal(r, 20, 100 + k, 0.03), 2));
    }
    return out;
  }

  /** from + 0 .. from + 9 in a fixed order without trend (Mann-Kendall S = 3). */
  private static double[] seq(double from, int n) {
    int[] order = {3, 7, 0, 9, 2, 5, 1, 8, 4, 6};
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + order[i];
    }
    return v;
  }
}
