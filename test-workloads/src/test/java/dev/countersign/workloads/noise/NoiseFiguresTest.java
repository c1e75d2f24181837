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
import dev.countersign.results.BuildId;
import dev.countersign.results.MetricSeries;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The figures of docs/statistics.md ("Time on this VM"), on demand. Runs the noise suite in fresh
 * JVMs ({@link RunSuite}) and judges the runs with the real {@link Check} and {@link
 * CompareJudge}:
 *
 * <ul>
 *   <li>{@code check} A/A: the six-test module ({@link RunSuite#MODULE}: default metrics, two
 *       thread hand-offs) at its defaults, three runs promoted into a baseline (and one into a
 *       one-run baseline), then {@code noise.checkBuilds} builds judged against them;
 *   <li>{@code compare}: {@code noise.trials} trials of {@code rounds} rounds, each round one JVM
 *       of A and one of B in a seeded random order, with {@code compare}'s warm-up and measuring
 *       time. A and B run the same code except {@link PowerNoise}, whose four hash copies do
 *       {@code noise.power} percent more work on B. The A/A trial is the judgement of the six
 *       module tests alone (identical code on both sides); the A/B trial judges all ten, and a
 *       power copy's {@code task-clock} REGRESSION is a catch at its effect size.
 * </ul>
 *
 * <pre>
 * ./mvnw -B test -pl test-workloads -am -DskipUTs -Dtest=NoiseFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.noiseFigures=true \
 *     [-Dnoise.checkBuilds=20 -Dnoise.trials=20 -Dnoise.power=6,10,12,16]
 *     [-Dnoise.checkPower=50,100,200,400: check's power, each A/A build's hash scaled]
 *     [-Dnoise.checkBuilds=0 -Dnoise.firstTrial=11: compare trials only, from trial 11 on, to
 *     run beside another invocation]
 *     [-Dnoise.reuse=target/noise-figures: judge the stored runs again, run none]
 * </pre>
 *
 * Prints a Markdown table and writes it to {@code test-workloads/target/noise-figures.md}.
 */
@EnabledIfSystemProperty(named = "countersign.noiseFigures", matches = "true")
class NoiseFiguresTest {

  private final Path work = Path.of("target", "noise-figures");
  private final int checkBuilds = Integer.getInteger("noise.checkBuilds", 20);
  private final int trials = Integer.getInteger("noise.trials", 20);
  /** The first trial's number: streams run side by side draw other round orders. */
  private final int firstTrial = Integer.getInteger("noise.firstTrial", 1);
  private final int rounds = Integer.getInteger("noise.rounds", CompareSettings.DEFAULT_ROUNDS);
  private final String power = System.getProperty("noise.power", "6,10,12,16");
  /** check's power: each A/A build judged again with the hash's CPU time this many % higher. */
  private final String checkPower = System.getProperty("noise.checkPower", "50,100,200,400");
  /** compare's defaults, as its rounds get them. */
  private final String compareWarmup = Settings.DEFAULT_COMPARE_WARMUP_TIME;
  private final String compareMeasure = Settings.DEFAULT_COMPARE_MEASURE_TIME;
  private int runs;
  private long runNanos;
  private double minLoad = Double.MAX_VALUE;
  private double maxLoad;

  /** {@code -Dnoise.reuse=<dir>}: judge the runs an earlier invocation left there, run none. */
  private final Path reuse = Optional.ofNullable(System.getProperty("noise.reuse")).map(Path::of)
      .orElse(null);

  /**
   * One build of {@code suite} in a fresh JVM (with {@code noise.reuse}, the stored run of the
   * same number): its results, every test's, or the harness fails.
   *
   * @param effects {@link PowerNoise#EFFECTS} of the JVM, null for none
   * @param asCompare with compare's warm-up and measuring time; else the defaults of a build
   */
  private ResultStore runSuite(String suite, String effects, boolean asCompare)
      throws IOException, InterruptedException {
    Path dir = (reuse != null ? reuse : work).resolve("run-" + (++runs));
    if (reuse == null) {
      double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      minLoad = Math.min(minLoad, load);
      maxLoad = Math.max(maxLoad, load);
      String cp = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-cp", cp, "-Dcountersign.resultsDir=" + dir.toAbsolutePath()));
      if (effects != null) {
        cmd.add("-D" + PowerNoise.EFFECTS + "=" + effects);
      }
      if (asCompare) {
        cmd.add("-D" + Settings.WARMUP_TIME + "=" + compareWarmup);
        cmd.add("-D" + Settings.MEASURE_TIME + "=" + compareMeasure);
      }
      cmd.addAll(List.of(RunSuite.class.getName(), suite));
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
    assertEquals(RunSuite.tests(suite), store.readAll().size(), "suite run " + runs
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
    StringBuilder falseAlarms = new StringBuilder();
    if (checkBuilds > 0) {
      checkFigures(md, falseAlarms);
      flush(md);
    }
    compareFigures(md, falseAlarms);
    md.append(falseAlarms.length() == 0 ? "\nFalse alarms: none.\n"
        : "\nFalse alarms:\n\n" + falseAlarms);
    if (reuse != null) {
      md.append(String.format(Locale.ROOT, "%nsuite runs: %d, reused from %s (their timing is"
          + " that invocation's)%n", runs, reuse));
    } else {
      md.append(String.format(Locale.ROOT, "%nsuite runs: %d, mean %.1f s per JVM run; total %.0f"
          + " s; 1-minute load average at the runs' starts %.1f–%.1f; at end: %s%n", runs,
          runNanos / 1e9 / runs, (System.nanoTime() - start) / 1e9, minLoad, maxLoad,
          Files.readString(Path.of("/proc/loadavg")).strip()));
    }
    System.out.println(md);
    flush(md);
  }

  /** check: a baseline of three promoted runs (and of one), then {@code checkBuilds} builds. */
  private void checkFigures(StringBuilder md, StringBuilder falseAlarms) throws Exception {
    Path baselines = Files.createTempDirectory(work, "baselines-");
    BaselineStore three = new BaselineStore(baselines.resolve("3-runs"));
    BaselineStore one = new BaselineStore(baselines.resolve("1-run"));
    for (int k = 0; k < 3; k++) {
      for (TestResult r : runSuite("module", null, false).readAll()) {
        three.promote(r, 3);
        if (k == 2) {
          one.promote(r, 1);
        }
      }
    }
    int failing3 = 0;
    int failing1 = 0;
    int inconclusive1 = 0;
    String[] sizes = checkPower.isBlank() ? new String[0] : checkPower.split(",");
    int[] caught = new int[sizes.length];
    for (int b = 0; b < checkBuilds; b++) {
      ResultStore results = runSuite("module", null, false);
      for (int i = 0; i < sizes.length; i++) {
        caught[i] += hashCaught(results, three, 1 + Double.parseDouble(sizes[i].strip()) / 100)
            ? 1 : 0;
      }
      CheckReport r3 = new Check(Comparators.standard()).run(results, three,
          CheckSettings.defaults());
      CheckReport r1 = new Check(Comparators.standard()).run(results, one,
          CheckSettings.defaults());
      failing3 += anyRegression(r3.rows()) ? 1 : 0;
      failing1 += anyRegression(r1.rows()) ? 1 : 0;
      falseAlarms(falseAlarms, "check (3 runs), build " + (b + 1), r3.rows());
      falseAlarms(falseAlarms, "check (1 run), build " + (b + 1), r1.rows());
      inconclusive1 += r1.rows().stream().anyMatch(x -> x.verdict() == Verdict.INCONCLUSIVE
          && x.note().contains("between-run noise is unknown")) ? 1 : 0;
    }
    md.append(String.format(Locale.ROOT, "%n| mode | builds/trials | with a false REGRESSION |%n"
        + "|---|---|---|%n| check, baseline of 3 promoted runs | %d | %d |%n"
        + "| check, baseline of 1 run | %d | %d (INCONCLUSIVE \"noise unknown\" in %d) |%n",
        checkBuilds, failing3, checkBuilds, failing1, inconclusive1));
    if (sizes.length > 0) {
      md.append(String.format(Locale.ROOT, "%n| check power, baseline of 3 runs: ChecksumNoise.hash"
          + " task-clock of each A/A build scaled by | REGRESSION in builds |%n|---|--:|%n"));
      for (int i = 0; i < sizes.length; i++) {
        md.append(String.format(Locale.ROOT, "| +%s%% | %d of %d |%n", sizes[i].strip(),
            caught[i], checkBuilds));
      }
    }
  }

  /** Whether {@code check} calls the hash's CPU time a REGRESSION when it is × factor. */
  private boolean hashCaught(ResultStore results, BaselineStore baseline, double factor)
      throws IOException {
    ResultStore scaled = ScaledRun.write(results.readAll(),
        new ResultStore(Files.createTempDirectory(work, "scaled-")), "hash", "task-clock", factor);
    return ScaledRun.caught(scaled, baseline, "ChecksumNoise.hash", "task-clock");
  }

  /** compare: per trial {@code rounds} rounds of A and B; A/A on the module, A/B on all. */
  private void compareFigures(StringBuilder md, StringBuilder falseAlarms) throws Exception {
    CompareSettings settings = new CompareSettings("A", rounds, Settings.DEFAULT_THRESHOLD,
        Correction.HOLM, true);
    BaseRevision base = new BaseRevision("A", "0000000000", "noise harness");
    String[] effects = power.split(",");
    int[] caught = new int[effects.length];
    Map<String, List<Double>> powerLogRatios = new TreeMap<>();
    int aaFailing = 0;
    int abOtherFailing = 0;
    Map<String, List<Double>> logRatios = new TreeMap<>();
    long compareStart = System.nanoTime();
    int done = 0;
    Predicate<String> isPower = id -> id.contains(".PowerNoise.");
    for (int t = 0; t < trials; t++) {
      if (reuse != null && !complete(reuse.resolve("run-" + (runs + 2 * rounds)))) {
        break; // the reused invocation was stopped before this trial ended
      }
      done++;
      SplittableRandom order = new SplittableRandom(999 + firstTrial + t);
      List<Map<String, TestResult>> a = new ArrayList<>();
      List<Map<String, TestResult>> b = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        Map<String, TestResult> ra;
        Map<String, TestResult> rb;
        if (order.nextBoolean()) {
          ra = byId(runSuite("all", null, true).readAll());
          rb = byId(runSuite("all", power, true).readAll());
        } else {
          rb = byId(runSuite("all", power, true).readAll());
          ra = byId(runSuite("all", null, true).readAll());
        }
        a.add(ra);
        b.add(rb);
        collectLogRatios(ra, rb, isPower.negate(), logRatios, false);
        collectLogRatios(ra, rb, isPower, powerLogRatios, true);
      }
      List<CheckRow> aa = new CompareJudge(settings).judge(only(a, isPower.negate()),
          only(b, isPower.negate()), base).rows();
      aaFailing += anyRegression(aa) ? 1 : 0;
      falseAlarms(falseAlarms, "compare A/A, trial " + (firstTrial + t), aa);
      List<CheckRow> rows = new CompareJudge(settings).judge(a, b, base).rows();
      for (int i = 0; i < effects.length; i++) {
        String test = "PowerNoise.hash" + (i + 1);
        caught[i] += rows.stream().anyMatch(x -> x.test().equals(test)
            && x.metric().equals("task-clock") && x.verdict() == Verdict.REGRESSION) ? 1 : 0;
      }
      List<CheckRow> others = rows.stream().filter(x -> !x.test().startsWith("PowerNoise.")
          || !x.metric().equals("task-clock")).toList();
      abOtherFailing += anyRegression(others) ? 1 : 0;
      falseAlarms(falseAlarms, "compare A/B (not the changed task-clock), trial "
          + (firstTrial + t), others);
      flush(new StringBuilder(md).append(String.format(Locale.ROOT,
          "%n(partial: trial %d of %d done; A/A failing %d, A/B caught %s)%n", done, trials,
          aaFailing, Arrays.toString(caught))));
    }
    double trialSeconds = (System.nanoTime() - compareStart) / 1e9 / Math.max(1, done);
    md.append(String.format(Locale.ROOT, "| compare, %d rounds (warm-up %s, measuring %s), A/A of"
        + " the module | %d | %d |%n", rounds, compareWarmup, compareMeasure, done, aaFailing));

    md.append(String.format(Locale.ROOT, "%n| compare A/B, %d rounds: PowerNoise copy | work on B"
        + " | CPU time change (geometric mean of the per-round ratios of 10th percentiles, all"
        + " rounds) | task-clock REGRESSION in trials |%n|---|--:|--:|--:|%n", rounds));
    for (int i = 0; i < effects.length; i++) {
      List<Double> l = powerLogRatios.getOrDefault("PowerNoise.hash" + (i + 1)
          + " task-clock (10th percentile)", List.of());
      double mean = l.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      md.append(String.format(Locale.ROOT, "| hash%d | +%s%% | %+.1f%% | %d of %d |%n", i + 1,
          effects[i].strip(), (Math.exp(mean) - 1) * 100, caught[i], done));
    }
    md.append(String.format(Locale.ROOT, "%nA/B trials with a REGRESSION of anything else (the"
        + " unchanged tests, the copies' other metrics): %d of %d%n", abOtherFailing, done));
    if (reuse == null) {
      md.append(String.format(Locale.ROOT, "one compare trial (%d rounds of A and B): %.0f s%n",
          rounds, trialSeconds));
    }

    // an estimate beside the measured power: the normal-theory change found in 90% from the
    // measured sd of the per-round log ratios of unchanged code (the module's tests, A/B)
    TDistribution td = new TDistribution(null, rounds - 1);
    double kInterval = td.inverseCumulativeProbability(0.975) + td.inverseCumulativeProbability(0.9);
    md.append(String.format(Locale.ROOT, "%n| unchanged test metric | sd of per-round log(B/A) |"
        + " estimate: change found in 90%% (%d rounds, threshold 5%%, before Holm) |%n|---|--:|--:|%n",
        rounds));
    logRatios.forEach((key, l) -> {
      double mean = l.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double sd = Math.sqrt(l.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum()
          / (l.size() - 1));
      double smallest = Math.exp(Math.log(1.05) + kInterval * sd / Math.sqrt(rounds)) - 1;
      md.append(String.format(Locale.ROOT, "| %s | %.2f%% | +%.1f%% |%n", key, sd * 100,
          smallest * 100));
    });
  }

  /** Per test and metric of the selected tests, the round's log ratio B/A. */
  private static void collectLogRatios(Map<String, TestResult> a, Map<String, TestResult> b,
      Predicate<String> tests, Map<String, List<Double>> out, boolean cpuOnly) {
    Percentile p10 = new Percentile().withEstimationType(EstimationType.R_7);
    for (String id : a.keySet()) {
      if (!tests.test(id) || !b.containsKey(id)) {
        continue;
      }
      String test = id.substring(id.lastIndexOf('.', id.lastIndexOf('.') - 1) + 1);
      for (MetricSeries m : a.get(id).metrics()) {
        MetricSeries other = b.get(id).metric(m.name()).orElse(null);
        if (other == null || cpuOnly && !m.name().equals("task-clock")) {
          continue;
        }
        double x = Samples.median(m.values());
        double y = Samples.median(other.values());
        if (!cpuOnly && x > 0 && y > 0) {
          out.computeIfAbsent(test + " " + m.name() + " (median)", k -> new ArrayList<>())
              .add(Math.log(y / x));
        }
        if (m.name().equals("task-clock")) {
          // what compare judges for CPU time: the 10th percentile of the round's iterations
          out.computeIfAbsent(test + " task-clock (10th percentile)", k -> new ArrayList<>())
              .add(Math.log(p10.evaluate(other.values(), 10) / p10.evaluate(m.values(), 10)));
        }
      }
    }
  }

  private static List<Map<String, TestResult>> only(List<Map<String, TestResult>> rounds,
      Predicate<String> tests) {
    List<Map<String, TestResult>> out = new ArrayList<>();
    for (Map<String, TestResult> round : rounds) {
      Map<String, TestResult> kept = new LinkedHashMap<>(round);
      kept.keySet().removeIf(tests.negate());
      out.add(kept);
    }
    return out;
  }

  /** Whether a stored run holds every test's result (its JVM ended). */
  private static boolean complete(Path run) {
    ResultsDirectory results = new ResultsDirectory(run);
    return Files.isDirectory(run) && results.latest()
        .map(b -> results.build(b).readAll().size() == RunSuite.tests("all")).orElse(false);
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
