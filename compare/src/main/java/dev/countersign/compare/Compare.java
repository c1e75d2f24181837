package dev.countersign.compare;

import dev.countersign.check.CheckReport;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine behind {@code countersign:compare}: same-machine, interleaved A/B of the module's
 * performance tests against a base revision. A is the base revision checked out into a temporary
 * git worktree (removed afterwards, also on failure); B is this working tree as it is. Each round
 * runs both sides once, in fresh JVMs, in a seeded random order; the first round runs every test
 * and finds the {@code @PerfTest}s, later rounds only those present on both sides. When every
 * declared metric of those tests is a deterministic (simulated) count, one round is enough.
 */
public final class Compare {

  /**
   * What a comparison found.
   *
   * @param base the revision A
   * @param dirty whether B had uncommitted changes (compared as they are)
   * @param rounds rounds run
   * @param report the rows, in {@code check}'s form (A as the baseline, B as the current run)
   */
  public record Outcome(BaseRevision base, boolean dirty, int rounds, CheckReport report) {}

  private Compare() {}

  /** A test's id across the two sides: fully qualified class name, a dot, the method. */
  public static String idOf(TestId test) {
    return test.className() + "." + test.methodName();
  }

  /**
   * Runs the comparison of the module in {@code moduleDir}.
   *
   * @param env the environment (the CI's target branch variables)
   * @param worktreeParent where the temporary worktree of A is made
   * @param runners makes the runner, given where each side is built
   * @param log progress lines for the build log
   * @throws CompareException outside a git repository, for an unknown ref, when the module does not
   *     exist at the base revision, or when a side's build fails
   */
  public static Outcome run(Path moduleDir, CompareSettings settings, Map<String, String> env,
      Path worktreeParent, Function<Map<Side, Checkout>, RoundRunner> runners, Consumer<String> log) {
    Path module = real(moduleDir);
    Git git = Git.at(module);
    BaseRevision base = BaseRevision.resolve(git, settings.against(), env);
    boolean dirty = git.dirty();
    Path top = real(git.topLevel());
    Checkout here = Reactor.of(module, top);
    Path rootInRepo = top.relativize(here.reactorRoot());
    log.accept("A = " + base.ref() + " " + git.shortId(base.commit()) + " (" + base.chosenBy()
        + "); B = this working tree" + (dirty ? " with its uncommitted changes" : ""));
    if (here.inReactor()) {
      log.accept("the module is built in the reactor at " + (rootInRepo.toString().isEmpty()
          ? "the repository's top level" : rootInRepo) + ": each side runs -pl " + here.module()
          + " -am, the upstream modules' tests not run");
    }
    try (BaseWorktree tree = BaseWorktree.checkOut(git, base, worktreeParent)) {
      Checkout atBase = new Checkout(tree.dir().resolve(rootInRepo.toString()), here.module());
      Path relative = top.relativize(module);
      if (!Files.isRegularFile(atBase.moduleDir().resolve("pom.xml"))) {
        throw new CompareException("the module " + (relative.toString().isEmpty() ? "."
            : relative) + " has no pom.xml at " + base.ref() + ": nothing to compare with");
      }
      Map<Side, Checkout> dirs = new EnumMap<>(Side.class);
      dirs.put(Side.A, atBase);
      dirs.put(Side.B, here);
      RoundRunner runner = runners.apply(dirs);
      RoundOrder order = new RoundOrder(Seeds.of("compare", base.commit()));
      List<Map<String, TestResult>> a = new ArrayList<>();
      List<Map<String, TestResult>> b = new ArrayList<>();
      Set<String> common = Set.of();
      int rounds = settings.rounds();
      for (int round = 1; round <= rounds; round++) {
        Map<Side, Map<String, TestResult>> got = new EnumMap<>(Side.class);
        for (Side side : order.next()) {
          log.accept("round " + round + "/" + rounds + ": " + side);
          got.put(side, byId(runner.run(side, round, common)));
        }
        a.add(got.get(Side.A));
        b.add(got.get(Side.B));
        if (round == 1) {
          common = new TreeSet<>(got.get(Side.A).keySet());
          common.retainAll(got.get(Side.B).keySet());
          if (common.isEmpty()) {
            log.accept("no @PerfTest is present on both sides: nothing to compare in further"
                + " rounds");
            rounds = 1;
          } else if (deterministic(common, got)) {
            log.accept("every declared metric is constant on both sides (simulated counts): one"
                + " round decides");
            rounds = 1;
          }
        }
      }
      CheckReport report = new CompareJudge(settings).judge(a, b, base, "working tree",
          "HEAD " + git.commitOf("HEAD").substring(0, 10)
              + (dirty ? ", with its uncommitted changes" : ""));
      return new Outcome(base, dirty, rounds, report);
    }
  }

  private static boolean deterministic(Set<String> tests,
      Map<Side, Map<String, TestResult>> round) {
    for (String id : tests) {
      for (Map<String, TestResult> side : round.values()) {
        TestResult r = side.get(id);
        for (MetricSeries m : r.metrics()) {
          if (r.informational().contains(m.name())) {
            continue;
          }
          double[] v = m.values();
          boolean constant = java.util.Arrays.stream(v).allMatch(x -> x == v[0]);
          if (!(m.source() == Source.SIM && constant)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static Map<String, TestResult> byId(List<TestResult> results) {
    Map<String, TestResult> out = new LinkedHashMap<>();
    for (TestResult r : results) {
      out.put(idOf(r.test()), r);
    }
    return out;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new CompareException("cannot resolve " + p + ": " + e.getMessage(), e);
    }
  }
}
