package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.compare.BaseRevision;
import dev.countersign.compare.Compare;
import dev.countersign.compare.CompareJudge;
import dev.countersign.compare.CompareSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.settings.Settings;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Correction;
import dev.countersign.stats.Samples;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures of docs/statistics.md ("A/A and A/B on this machine"), on demand: runs the six-test
 * noise suite ({@link RunSuite}: default metrics, a two-thread hand-off among them) in fresh JVMs
 * and judges the runs as {@code check} against a three-run baseline and as {@code compare} (the
 * real {@link Check} and {@link CompareJudge}; the rounds are JVMs started here rather than
 * {@code mvn test}, which changes the cost, not the statistics).
 *
 * <pre>
 * ./mvnw -B test -pl test-workloads -am -DskipUTs -Dtest=NoiseFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.noiseFigures=true \
 *     [-Dnoise.checkBuilds=20 -Dnoise.trials=20 -Dnoise.extraWork=10 -Dnoise.warmupTime=500ms
 *     -Dnoise.measureTime=200ms] [-Dnoise.reuse=target/noise-figures: judge the stored runs again]
 * </pre>
 *
 * Prints a Markdown table and writes it to {@code test-workloads/target/noise-figures.md}.
 */
@EnabledIfSystemProperty(named = "countersign.noiseFigures", matches = "true")
class NoiseFiguresTest {

  private final Path work = Path.of("target", "noise-figures");
  private final int checkBuilds = Integer.getInteger("noise.checkBuilds", 20);
  private final int trials = Integer.getInteger("noise.trials", 10);
  private final int rounds = Integer.getInteger("noise.rounds", CompareSettings.DEFAULT_ROUNDS);
  private final double extra = Double.parseDouble(System.getProperty("noise.extraWork", "10"));
  /** The rounds' warm-up and measuring time: {@code compare}'s defaults, as its rounds get them. */
  private final String compareWarmup = System.getProperty("noise.warmupTime",
      Settings.DEFAULT_COMPARE_WARMUP_TIME);
  private final String compareMeasure = System.getProperty("noise.measureTime",
      Settings.DEFAULT_COMPARE_MEASURE_TIME);
  private int runs;
  private long runNanos;

  /** {@code -Dnoise.reuse=<dir>}: judge the runs an earlier invocation left there, run none. */
  private final Path reuse = Optional.ofNullable(System.getProperty("noise.reuse")).map(Path::of)
      .orElse(null);

  /**
   * One build of the suite in a fresh JVM (with {@code noise.reuse}, the stored run of the same
   * number): its results, every test's, or the harness fails.
   */
  private ResultStore runSuite(double extraWork, boolean asCompare)
      throws IOException, InterruptedException {
    Path dir = (reuse != null ? reuse : work).resolve("run-" + (++runs));
    if (reuse == null) {
      String cp = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", cp, "-Dcountersign.resultsDir=" + dir.toAbsolutePath(),
          "-D" + ChecksumNoise.EXTRA_WORK + "=" + extraWork,
          "-D" + Settings.WARMUP_TIME + "=" + (asCompare ? compareWarmup : "0"),
          "-D" + Settings.MEASURE_TIME + "=" + (asCompare ? compareMeasure : "0"),
          RunSuite.class.getName());
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(work.resolve("run-" + runs + ".log").toFile()).start();
      assertEquals(0, p.waitFor(), "suite run " + runs + " failed: see " + work);
      runNanos += System.nanoTime() - t0;
    }
    // the run's results are in its build's folder (an empty read would judge nothing, silently)
    ResultsDirectory results = new ResultsDirectory(dir);
    BuildId build = results.latest().orElseThrow(() -> new AssertionError("suite run " + runs
        + " wrote no results under " + dir));
    ResultStore store = results.build(build);
    assertEquals(RunSuite.SUITE.length, store.readAll().size(), "suite run " + runs
        + ": a result of every test in " + store.dir());
    return store;
  }

  @Test
  void figures() throws Exception {
    Files.createDirectories(work);
    StringBuilder md = new StringBuilder();
    long start = System.nanoTime();
    md.append(String.format(Locale.ROOT, "load average at start: %s%n",
        Files.readString(Path.of("/proc/loadavg")).strip()));

    // check: a baseline of three promoted runs (and of one), then `checkBuilds` builds
    Path baselines = Files.createTempDirectory(work, "baselines-");
    BaselineStore three = new BaselineStore(baselines.resolve("3-runs"));
    BaselineStore one = new BaselineStore(baselines.resolve("1-run"));
    for (int k = 0; k < 3; k++) {
      for (TestResult r : runSuite(0, false).readAll()) {
        three.promote(r, 3);
        if (k == 2) {
          one.promote(r, 1);
        }
      }
    }
    StringBuilder falseAlarms = new StringBuilder();
    int[] failing3 = new int[1];
    int[] failing1 = new int[1];
    int[] inconclusive1 = new int[1];
    for (int b = 0; b < checkBuilds; b++) {
      ResultStore results = runSuite(0, false);
      CheckReport r3 = new Check(Comparators.standard()).run(results, three,
          CheckSettings.defaults());
      CheckReport r1 = new Check(Comparators.standard()).run(results, one,
          CheckSettings.defaults());
      failing3[0] += anyRegression(r3.rows()) ? 1 : 0;
      failing1[0] += anyRegression(r1.rows()) ? 1 : 0;
      falseAlarms(falseAlarms, "check (3 runs), build " + (b + 1), r3.rows());
      falseAlarms(falseAlarms, "check (1 run), build " + (b + 1), r1.rows());
      inconclusive1[0] += r1.rows().stream().anyMatch(x -> x.verdict() == Verdict.INCONCLUSIVE
          && x.note().contains("between-run noise is unknown")) ? 1 : 0;
    }
    md.append(String.format(Locale.ROOT, "%n| mode | builds/trials | with a false REGRESSION |%n"
        + "|---|---|---|%n| check, baseline of 3 promoted runs | %d | %d |%n"
        + "| check, baseline of 1 run | %d | %d (INCONCLUSIVE \"noise unknown\" in %d) |%n",
        checkBuilds, failing3[0], checkBuilds, failing1[0], inconclusive1[0]));
    flush(md);

    // compare: per trial `rounds` rounds of three JVMs in a seeded random order, A, A' (the same
    // code) and B (+extra work in ChecksumNoise): A/A' is the A/A trial, A/B the A/B trial
    CompareSettings settings = new CompareSettings("A", rounds, 5, Correction.HOLM, true);
    BaseRevision base = new BaseRevision("A", "0000000000", "noise harness");
    int aaFailing = 0;
    int caught = 0;
    int abOtherFailing = 0;
    Map<String, List<Double>> logRatios = new TreeMap<>();
    long compareStart = System.nanoTime();
    int done = 0;
    for (int t = 0; t < trials; t++) {
      if (reuse != null && !complete(reuse.resolve("run-" + (runs + 3 * rounds)))) {
        break; // the reused invocation was stopped before this trial ended
      }
      done++;
      SplittableRandom order = new SplittableRandom(1000 + t);
      List<Map<String, TestResult>> a = new ArrayList<>();
      List<Map<String, TestResult>> a2 = new ArrayList<>();
      List<Map<String, TestResult>> b = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        List<String> sides = new ArrayList<>(List.of("A", "A'", "B"));
        Collections.swap(sides, 2, order.nextInt(3));
        Collections.swap(sides, 1, order.nextInt(2));
        Map<String, Map<String, TestResult>> got = new LinkedHashMap<>();
        for (String side : sides) {
          got.put(side, byId(runSuite(side.equals("B") ? extra : 0, true).readAll()));
        }
        a.add(got.get("A"));
        a2.add(got.get("A'"));
        b.add(got.get("B"));
        for (String id : got.get("A").keySet()) {
          for (MetricSeries m : got.get("A").get(id).metrics()) {
            String key = id.substring(id.lastIndexOf('.', id.lastIndexOf('.') - 1) + 1) + " "
                + m.name();
            MetricSeries other = got.get("A'").get(id).metric(m.name()).orElse(null);
            if (other == null) {
              continue;
            }
            double x = Samples.median(m.values());
            double y = Samples.median(other.values());
            if (x > 0 && y > 0) {
              logRatios.computeIfAbsent(key + " (median)", k -> new ArrayList<>())
                  .add(Math.log(y / x));
            }
            if (m.name().equals("task-clock")) {
              // what compare uses for CPU time: the 10th percentile of the round's iterations
              Percentile p10 = new Percentile().withEstimationType(EstimationType.R_7);
              logRatios.computeIfAbsent(key + " (10th percentile)", k -> new ArrayList<>())
                  .add(Math.log(p10.evaluate(other.values(), 10) / p10.evaluate(m.values(), 10)));
            }
          }
        }
      }
      List<CheckRow> aa = new CompareJudge(settings).judge(a, a2, base).rows();
      aaFailing += anyRegression(aa) ? 1 : 0;
      falseAlarms(falseAlarms, "compare A/A, trial " + (t + 1), aa);
      List<CheckRow> rows = new CompareJudge(settings).judge(a, b, base).rows();
      caught += rows.stream().anyMatch(x -> x.test().equals("ChecksumNoise.hash")
          && x.metric().equals("task-clock") && x.verdict() == Verdict.REGRESSION) ? 1 : 0;
      abOtherFailing += rows.stream().anyMatch(x -> !x.test().equals("ChecksumNoise.hash")
          && x.verdict() == Verdict.REGRESSION) ? 1 : 0;
      flush(new StringBuilder(md).append(String.format(Locale.ROOT,
          "%n(partial: trial %d of %d done; A/A failing %d, A/B caught %d)%n", done, trials,
          aaFailing, caught)));
    }
    double compareSeconds = (System.nanoTime() - compareStart) / 1e9 / done;
    md.append(String.format(Locale.ROOT, "| compare, %d rounds (warm-up %s, measuring %s), A/A | %d"
        + " | %d |%n", rounds, compareWarmup, compareMeasure, done, aaFailing));
    md.append(String.format(Locale.ROOT, "%n| compare, %d rounds, A/B | trials | +%.0f%% work in"
        + " ChecksumNoise.hash: task-clock REGRESSION | another test REGRESSION |%n|---|---|---|---|%n"
        + "| | %d | %d | %d |%n", rounds, extra, done, caught, abOtherFailing));

    // between-round noise of the paired log ratios (A/A), and the change found in 90% at defaults
    // caught when the interval clears the threshold and p clears Holm's first step, alpha/m
    TDistribution t = new TDistribution(null, rounds - 1);
    double power = t.inverseCumulativeProbability(0.90);
    double kInterval = t.inverseCumulativeProbability(0.975) + power;
    long metrics = logRatios.keySet().stream().filter(k -> k.endsWith("(median)")).count();
    double kHolm = t.inverseCumulativeProbability(1 - 0.05 / (2 * metrics)) + power;
    md.append(String.format(Locale.ROOT, "%n| test metric | sd of per-round log(A'/A) | change"
        + " found in 90%% (%d rounds, threshold 5%%) |%n|---|--:|--:|%n", rounds));
    logRatios.forEach((key, l) -> {
      double mean = l.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double sd = Math.sqrt(l.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum()
          / (l.size() - 1));
      double se = sd / Math.sqrt(rounds);
      double smallest = Math.exp(Math.max(Math.log(1.05) + kInterval * se, kHolm * se)) - 1;
      md.append(String.format(Locale.ROOT, "| %s | %.2f%% | +%.1f%% |%n", key, sd * 100,
          smallest * 100));
    });
    md.append(falseAlarms.length() == 0 ? "" : "\nFalse alarms:\n\n" + falseAlarms);
    if (reuse != null) {
      md.append(String.format(Locale.ROOT, "%nsuite runs: %d, reused from %s (their timing is"
          + " that invocation's)%n", runs, reuse));
    } else {
      md.append(String.format(Locale.ROOT, "%nsuite runs: %d, mean %.1f s per JVM run; one"
          + " compare trial (%d rounds of A, A', B) %.0f s = %.1f suite runs; total %.0f s; load"
          + " average at end: %s%n", runs, runNanos / 1e9 / runs, rounds, compareSeconds,
          compareSeconds / (runNanos / 1e9 / runs), (System.nanoTime() - start) / 1e9,
          Files.readString(Path.of("/proc/loadavg")).strip()));
    }
    System.out.println(md);
    flush(md);
  }

  /** Whether a stored run holds every test's result (its JVM ended). */
  private static boolean complete(Path run) {
    ResultsDirectory results = new ResultsDirectory(run);
    return Files.isDirectory(run) && results.latest()
        .map(b -> results.build(b).readAll().size() == RunSuite.SUITE.length).orElse(false);
  }

  /** Writes what is known so far, so that an interrupted run still leaves its figures. */
  private static void flush(StringBuilder md) throws IOException {
    Files.writeString(Path.of("target", "noise-figures.md"), md.toString());
  }

  /** Lists each REGRESSION of unchanged code, with its note. */
  private static void falseAlarms(StringBuilder out, String where, List<CheckRow> rows) {
    rows.stream().filter(x -> x.verdict() == Verdict.REGRESSION).forEach(x -> out.append("- ")
        .append(where).append(": ").append(x.test()).append(' ').append(x.metric()).append(": ")
        .append(x.note()).append('\n'));
  }

  private static boolean anyRegression(List<CheckRow> rows) {
    return rows.stream().anyMatch(x -> x.verdict() == Verdict.REGRESSION);
  }

  private static Map<String, TestResult> byId(List<TestResult> results) {
    Map<String, TestResult> out = new LinkedHashMap<>();
    for (TestResult r : results) {
      out.put(Compare.idOf(r.test()), r);
    }
    return out;
  }
}
