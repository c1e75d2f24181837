package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.check.CheckTable;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Budget;
import dev.countersign.results.Environment;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check goal's engine over real result and baseline files, with the real comparator. */
class CheckReproducibilityTest {

  private static final TestId ID = new TestId("dev.example.QueuePerfTest", "offerPoll", "offerPoll()");
  private static final Environment ENV =
      new Environment("Linux amd64", "6.1", "test cpu", 2, "kvm", "17", Map.of());

  @TempDir
  Path dir;

  private static TestResult result(long seed, double taskClock, double instructions) {
    SplittableRandom r = new SplittableRandom(seed);
    List<MetricSeries> metrics = List.of(
        series("task-clock", Source.KERNEL, MedianBootstrapTest.lognormal(r, 20, taskClock, 0.02)),
        series("instructions", Source.SIM, constant(20, instructions)),
        series("page-faults", Source.KERNEL, MedianBootstrapTest.lognormal(r, 20, 0.5, 0.02)));
    return new TestResult(TestResult.SCHEMA_VERSION, ID, new RunConfiguration("auto", 5, 20, 1, 1),
        ENV, metrics, List.of(), List.of(new Budget("page-faults", 0.503)), List.of());
  }

  private static MetricSeries series(String name, Source source, double[] v) {
    List<Double> perOp = new ArrayList<>();
    for (double x : v) {
      perOp.add(x);
    }
    return new MetricSeries(name, source, "count", perOp);
  }

  private static double[] constant(int n, double v) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  private CheckReport check(CheckSettings settings) {
    return new Check(Comparators.standard(settings.correction())).run(
        new ResultStore(dir.resolve("results")), new BaselineStore(dir.resolve("baselines")),
        settings);
  }

  @Test
  void sameFilesGiveIdenticalTablesAndComparisons() {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    for (int run = 0; run < 3; run++) {
      baselines.promote(result(100 + run, 1000, 250), 3);
    }
    new ResultStore(dir.resolve("results")).write(result(7, 1120, 250));

    CheckReport first = check(CheckSettings.defaults());
    CheckReport second = check(CheckSettings.defaults());
    List<String> table = CheckTable.lines(first);
    assertEquals(table, CheckTable.lines(second));
    assertEquals(first.rows(), second.rows());

    CheckRow taskClock = row(first, "task-clock");
    assertEquals(Verdict.REGRESSION, taskClock.verdict(), taskClock.note());
    // three promoted runs pooled: 60 baseline samples in three groups
    ComparisonRequest q = taskClock.comparison().orElseThrow().request();
    assertEquals(60, q.baseline().length);
    assertEquals(3, java.util.Arrays.stream(q.baselineGroups()).distinct().count());
    assertEquals(Verdict.UNCHANGED, row(first, "instructions").verdict());
    assertTrue(row(first, "instructions").note().startsWith("deterministic"));
    assertEquals(Verdict.AT_RISK, row(first, "page-faults (budget)").verdict());
    // the row kinds come from the judgement behind each row, not from the label
    CheckRow budget = row(first, CheckRow.budgetLabel("page-faults"));
    assertEquals(CheckRow.Kind.BUDGET, budget.kind());
    assertEquals("page-faults", budget.measuredMetric());
    assertEquals(CheckRow.Kind.COMPARISON, taskClock.kind());
    assertEquals("task-clock", taskClock.measuredMetric());
    assertTrue(table.get(table.size() - 1).contains("Holm correction"), table.toString());
  }

  @Test
  void theTableNamesTheCorrectionThatRan() {
    new BaselineStore(dir.resolve("baselines")).promote(result(1, 1000, 250), 1);
    new ResultStore(dir.resolve("results")).write(result(2, 1000, 251));
    List<String> bh = CheckTable.lines(check(new CheckSettings(5, true, false,
        Correction.BENJAMINI_HOCHBERG)));
    assertTrue(bh.get(bh.size() - 1).contains("Benjamini-Hochberg correction (false-discovery rate"
        + " 5%)"), bh.toString());
    List<String> none = CheckTable.lines(check(new CheckSettings(5, true, false,
        Correction.NONE)));
    assertTrue(none.get(none.size() - 1).contains("no multiple-testing correction"));
  }

  @Test
  void forksOfABaselineRunAreGroupsOfTheirOwn() {
    SplittableRandom r = new SplittableRandom(5);
    List<Double> perOp = new ArrayList<>();
    List<Integer> fork = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      perOp.add(1000 * Math.exp(0.02 * r.nextGaussian()));
      fork.add(1 + i / 10);
    }
    MetricSeries forked = new MetricSeries("task-clock", Source.KERNEL, "ns", perOp, List.of(),
        fork);
    TestResult base = new TestResult(TestResult.SCHEMA_VERSION, ID,
        new RunConfiguration("auto", 5, 20, 1, 2), ENV, List.of(forked), List.of(), List.of(),
        List.of());
    new BaselineStore(dir.resolve("baselines")).promote(base, 1);
    new ResultStore(dir.resolve("results")).write(result(3, 1000, 250));
    ComparisonRequest q = row(check(CheckSettings.defaults()), "task-clock").comparison()
        .orElseThrow().request();
    assertEquals(2, java.util.Arrays.stream(q.baselineGroups()).distinct().count());
    assertEquals(0, q.currentGroups().length, "the current run was not forked");
  }

  private static CheckRow row(CheckReport report, String metric) {
    return report.rows().stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
  }
}
