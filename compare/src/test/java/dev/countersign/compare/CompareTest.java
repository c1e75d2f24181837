package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckRow;
import dev.countersign.results.Budget;
import dev.countersign.results.Fixtures;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Correction;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration on a real git repository: the worktree of A holds the base revision and is
 * removed afterwards, also when a round fails. The rounds are given by a runner that returns
 * results made here, so that the statistics of the verdicts are known.
 */
class CompareTest {

  private static final TestId QUEUE = new TestId("com.example.QueuePerfTest", "offerPoll", "o()");
  private static final TestId OLD = new TestId("com.example.OldPerfTest", "gone", "g()");
  private static final TestId NEW = new TestId("com.example.NewPerfTest", "added", "a()");

  @TempDir
  Path repoDir;

  @TempDir
  Path worktrees;

  private GitRepoFixture repo;

  @BeforeEach
  void twoCommits() throws IOException {
    repo = new GitRepoFixture(repoDir);
    repo.commit("pom.xml", "<project>A</project>", "A");
    repo.commit("pom.xml", "<project>B</project>", "B");
  }

  private static CompareSettings settings(int rounds) {
    return new CompareSettings("HEAD~1", rounds, 5, Correction.HOLM, true);
  }

  private static TestResult result(TestId id, String metric, Source source, double[] v) {
    List<Double> perOp = new ArrayList<>();
    for (double x : v) {
      perOp.add(x);
    }
    return new TestResult(TestResult.SCHEMA_VERSION, id, new RunConfiguration("auto", 1, v.length,
        1, 1), Fixtures.environment(), List.of(new MetricSeries(metric, source, "ns", perOp)),
        List.of(), List.of(), List.of(), List.of());
  }

  /** 20 iterations around level × (1 ± 1%). */
  private static double[] noisy(SplittableRandom r, double level) {
    double[] v = new double[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = level * Math.exp(0.01 * r.nextGaussian());
    }
    return v;
  }

  /** A runner whose round r slows the whole machine by a random factor, B by {@code factor}. */
  private static RoundRunner drifting(double factor, List<String> calls) {
    SplittableRandom r = new SplittableRandom(3);
    double[] machine = new double[1];
    return (side, round, tests) -> {
      calls.add(round + ":" + side + ":" + tests.size());
      if (calls.size() % 2 == 1) {
        machine[0] = Math.exp(0.3 * r.nextGaussian()); // the round's machine: ±30%
      }
      double level = 100 * machine[0] * (side == Side.B ? factor : 1);
      List<TestResult> out = new ArrayList<>();
      out.add(result(QUEUE, "task-clock", Source.KERNEL, noisy(r, level)));
      if (tests.isEmpty()) { // round 1 runs everything
        out.add(result(side == Side.A ? OLD : NEW, "task-clock", Source.KERNEL, noisy(r, 50)));
      }
      return out;
    };
  }

  private Compare.Outcome run(CompareSettings s, RoundRunner runner) {
    AtomicReference<Map<Side, Checkout>> dirs = new AtomicReference<>();
    Compare.Outcome o = Compare.run(repoDir, s, Map.of(), worktrees, d -> {
      dirs.set(d);
      // A is the base revision, checked out
      try {
        assertEquals("<project>A</project>", Files.readString(d.get(Side.A).moduleDir().resolve("pom.xml")));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return runner;
    }, line -> { });
    assertFalse(Files.exists(dirs.get().get(Side.A).moduleDir()), "the worktree of A is removed");
    return o;
  }

  private static CheckRow row(Compare.Outcome o, String test) {
    return o.report().rows().stream().filter(r -> r.test().equals(test)).findFirst()
        .orElseThrow();
  }

  @Test
  void aTenPercentRegressionUnderThirtyPercentMachineDriftIsFound() throws IOException {
    List<String> calls = new ArrayList<>();
    Compare.Outcome o = run(settings(6), drifting(1.10, calls));
    CheckRow queue = row(o, "QueuePerfTest.offerPoll");
    assertEquals(Verdict.REGRESSION, queue.verdict(), queue.note());
    assertTrue(queue.note().contains("over 6 paired rounds"), queue.note());
    assertEquals(12, calls.size());
    // later rounds run only the test on both sides
    assertTrue(calls.subList(2, 12).stream().allMatch(c -> c.endsWith(":1")), calls.toString());
    assertEquals(Verdict.NOT_RUN, row(o, "OldPerfTest.gone").verdict());
    assertEquals(Verdict.NO_BASELINE, row(o, "NewPerfTest.added").verdict());
    assertTrue(row(o, "NewPerfTest.added").note().startsWith("new: this test is not at HEAD~1"));
    assertEquals(1, repo.git("worktree", "list").strip().lines().count());
  }

  @Test
  void unchangedCodeUnderTheSameDriftIsNoRegression() {
    Compare.Outcome o = run(settings(6), drifting(1.0, new ArrayList<>()));
    CheckRow queue = row(o, "QueuePerfTest.offerPoll");
    assertEquals(Verdict.UNCHANGED, queue.verdict(), queue.note());
    assertTrue(o.report().failures().isEmpty());
  }

  @Test
  void theRoundOrderIsSeededAndMixed() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    run(settings(6), drifting(1.0, first));
    run(settings(6), drifting(1.0, second));
    assertEquals(first, second, "the same comparison runs in the same order");
    // the order itself is a fair coin per round (the seed of a comparison is its base commit)
    RoundOrder order = new RoundOrder(42);
    long aFirst = java.util.stream.IntStream.range(0, 200)
        .filter(k -> order.next().get(0) == Side.A).count();
    assertTrue(aFirst > 70 && aFirst < 130, "A first in " + aFirst + " of 200 rounds");
  }

  @Test
  void simulatedCountsNeedOneRound() {
    List<String> calls = new ArrayList<>();
    RoundRunner sim = (side, round, tests) -> {
      calls.add(side + "" + round);
      double[] v = new double[10];
      java.util.Arrays.fill(v, side == Side.B ? 1030 : 1000);
      return List.of(result(QUEUE, "instructions", Source.SIM, v));
    };
    Compare.Outcome o = run(settings(6), sim);
    assertEquals(1, o.rounds());
    assertEquals(2, calls.size());
    CheckRow queue = row(o, "QueuePerfTest.offerPoll");
    assertEquals(Verdict.UNCHANGED, queue.verdict(), "+3% is within ±5%: " + queue.note());
    assertTrue(queue.note().startsWith("deterministic: exact comparison"), queue.note());
  }

  @Test
  void theWorktreeIsRemovedWhenARoundFails() throws IOException {
    AtomicReference<Path> a = new AtomicReference<>();
    RoundRunner failing = (side, round, tests) -> {
      throw new CompareException("the build of side " + side + " failed");
    };
    CompareException e = assertThrows(CompareException.class,
        () -> Compare.run(repoDir, settings(2), Map.of(), worktrees, d -> {
          a.set(d.get(Side.A).moduleDir());
          assertTrue(Files.isDirectory(d.get(Side.A).moduleDir()));
          return failing;
        }, line -> { }));
    assertTrue(e.getMessage().contains("failed"));
    assertFalse(Files.exists(a.get()));
    assertEquals(1, repo.git("worktree", "list").strip().lines().count(),
        repo.git("worktree", "list"));
  }

  @Test
  void aDirtyTreeIsBAsItIs() throws IOException {
    Files.writeString(repoDir.resolve("pom.xml"), "<project>B, edited</project>");
    RoundRunner runner = (side, round, tests) -> List.of(result(QUEUE, "instructions",
        Source.SIM, new double[] {1, 1, 1, 1}));
    List<String> log = new ArrayList<>();
    Compare.Outcome o = Compare.run(repoDir, settings(2), Map.of(), worktrees, d -> {
      try {
        assertEquals("<project>B, edited</project>",
            Files.readString(d.get(Side.B).moduleDir().resolve("pom.xml")));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return runner;
    }, log::add);
    assertTrue(o.dirty());
    assertTrue(log.get(0).contains("with its uncommitted changes"), log.toString());
  }

  @Test
  void aMetricMeasuredDifferentlyOnTheTwoSidesIsIncomparable() {
    RoundRunner runner = (side, round, tests) -> List.of(result(QUEUE, "instructions",
        side == Side.A ? Source.PMU : Source.SIM, new double[] {100, 101, 102, 103}));
    Compare.Outcome o = run(settings(2), runner);
    CheckRow queue = row(o, "QueuePerfTest.offerPoll");
    assertEquals(Verdict.INCOMPARABLE, queue.verdict(), queue.note());
    assertTrue(queue.note().contains("measure this metric differently"), queue.note());
    assertEquals(List.of(queue), o.report().failures());
  }

  private static TestResult withBudget(TestResult r, double limit) {
    return new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        r.metrics(), r.unavailable(), List.of(new Budget("alloc-bytes", limit)), List.of(),
        List.of());
  }

  @Test
  void bsBudgetsAreJudgedOnItsRoundsEvenWhenNothingChanged() {
    // both sides allocate 1,100 bytes per op: unchanged, but over B's budget of 1,000
    RoundRunner over = (side, round, tests) -> List.of(withBudget(result(QUEUE, "alloc-bytes",
        Source.JVM, new double[] {1100, 1100, 1100, 1100}), 1000));
    Compare.Outcome o = run(settings(2), over);
    CheckRow budget = o.report().rows().stream()
        .filter(r -> r.metric().equals("alloc-bytes (budget)")).findFirst().orElseThrow();
    assertEquals(Verdict.OVER_BUDGET, budget.verdict(), budget.note());
    assertEquals(1000, budget.baseline());
    assertEquals(1100, budget.current());
    assertTrue(budget.note().contains("(B, 2 round(s))"), budget.note());
    assertEquals(Verdict.UNCHANGED, o.report().rows().stream()
        .filter(r -> r.metric().equals("alloc-bytes")).findFirst().orElseThrow().verdict());
    assertEquals(List.of(budget), o.report().failures());

    // B within its budget, A (the base) over it: a budget is B's alone
    RoundRunner within = (side, round, tests) -> List.of(withBudget(result(QUEUE, "alloc-bytes",
        Source.JVM, side == Side.A ? new double[] {1100, 1100, 1100, 1100}
            : new double[] {900, 901, 899, 900}), 1000));
    Compare.Outcome ok = run(settings(2), within);
    CheckRow b2 = ok.report().rows().stream()
        .filter(r -> r.metric().equals("alloc-bytes (budget)")).findFirst().orElseThrow();
    assertEquals(Verdict.WITHIN_BUDGET, b2.verdict(), b2.note());
    assertTrue(ok.report().failures().stream().noneMatch(r -> r.metric().contains("budget")));
  }

  @Test
  void surefireFilterGroupsMethodsByClass() {
    assertEquals("a.B#x+y,a.C#z", MavenRoundRunner.surefireFilter(Set.of("a.B.x", "a.C.z",
        "a.B.y")));
  }
}
