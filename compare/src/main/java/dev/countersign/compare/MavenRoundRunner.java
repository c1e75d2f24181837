package dev.countersign.compare;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnfinishedRuns;
import dev.countersign.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs a side with Maven: {@code mvn test} in the side's checkout, so each round compiles what
 * changed (nothing, after the first) and runs the tests in Surefire's fresh JVM with the project's
 * own configuration (the simulator's {@code prepare-agent}, {@code argLine}, properties). A module
 * of a multi-module build is built from its reactor root with {@code -pl <module> -am}, so that
 * its siblings come from the same revision; the upstream modules' tests are not run: the first
 * round selects the module's own test classes as its Surefire would ({@link TestSelection}),
 * later rounds the compared tests. Within those classes only the {@code @PerfTest} methods run
 * ({@code countersign.perfTestsOnly}, a discovery filter of the extension). Test failures do not stop the comparison ({@code maven.test.failure.ignore}); a
 * build that fails for another reason does, with the tail of its log.
 */
public final class MavenRoundRunner implements RoundRunner {

  /**
   * How to start Maven.
   *
   * @param executable the {@code mvn} launcher
   * @param arguments arguments for every invocation (batch mode, settings, local repository,
   *     offline, properties)
   */
  public record Invocation(Path executable, List<String> arguments) {
    public Invocation {
      arguments = List.copyOf(arguments);
    }
  }

  private final Invocation maven;
  private final Map<Side, Checkout> checkouts;
  private final Map<Side, TestSelection> selections;
  private final Path logDir;

  /**
   * @param checkouts per side, where the module whose tests are compared is built
   * @param selections per side, the test classes the module's Surefire runs (its includes and
   *     excludes): the first round's filter in a reactor
   * @param logDir where each run's build log and results are kept ({@code
   *     round-<n>/<side>.log}, {@code round-<n>/<side>/*.json})
   */
  public MavenRoundRunner(Invocation maven, Map<Side, Checkout> checkouts,
      Map<Side, TestSelection> selections, Path logDir) {
    this.maven = maven;
    this.checkouts = Map.copyOf(checkouts);
    this.selections = Map.copyOf(selections);
    this.logDir = logDir;
  }

  @Override
  public List<TestResult> run(Side side, int round, Set<String> tests) {
    Checkout checkout = checkouts.get(side);
    Path module = checkout.moduleDir();
    Path results = module.resolve(ResultStore.DEFAULT_DIR);
    deleteTree(results);
    Path roundDir = logDir.resolve("round-" + round);
    Path log = roundDir.resolve(side + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(maven.executable().toString());
    cmd.addAll(maven.arguments());
    cmd.add("-Dmaven.test.failure.ignore=true");
    // compare judges the budgets on all of B's rounds; a round's test does not fail on them
    cmd.add("-D" + Settings.DEFER_BUDGETS + "=true");
    // only the @PerfTests run, in the first round too: finding them costs no run of the whole suite
    cmd.add("-D" + Settings.PERF_TESTS_ONLY + "=true");
    // each run is a build of its own: its results are read from its folder only
    BuildId build = new BuildId("compare-" + side.name().toLowerCase(Locale.ROOT) + "-" + round);
    cmd.add("-D" + Settings.BUILD_ID + "=" + build);
    String filter = !tests.isEmpty() ? surefireFilter(tests)
        : checkout.inReactor() ? String.join(",", selections.get(side).classes()) : "";
    if (checkout.inReactor()) {
      cmd.add("-pl");
      cmd.add(checkout.module());
      cmd.add("-am");
    }
    if (!filter.isEmpty()) {
      cmd.add("-Dtest=" + filter);
      cmd.add("-Dsurefire.failIfNoSpecifiedTests=false");
    } else if (checkout.inReactor()) {
      cmd.add("-DskipTests"); // the module has no test class: build, run nothing
    }
    cmd.add("test");
    int status;
    try {
      Files.createDirectories(roundDir);
      Process p = new ProcessBuilder(cmd).directory(checkout.reactorRoot().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      status = p.waitFor();
    } catch (IOException e) {
      throw new CompareException("cannot start Maven (" + String.join(" ", cmd) + "): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException("interrupted in round " + round + " of side " + side, e);
    }
    if (status != 0) {
      throw new CompareException("the build of side " + side + " (" + module + ") failed in round "
          + round + " (exit " + status + "); its log is " + log + ", ending:\n" + tail(log, 25));
    }
    ResultStore store = new ResultsDirectory(results).build(build);
    copyTree(store.dir(), roundDir.resolve(side.name()));
    return complete(store, side, round, log);
  }

  /**
   * The results of one side's round, once its test runs are known to be complete: the same rules
   * as {@code check} and {@code baseline} ({@link UnfinishedRuns}). A round whose test JVM ended
   * before its run did (a Surefire timeout under {@code maven.test.failure.ignore}, which ends the
   * build with success) would otherwise be judged on the tests that happened to run first, the
   * others silently "only at one side".
   *
   * @throws CompareException naming the round, the side, the run and what to do
   */
  static List<TestResult> complete(ResultStore store, Side side, int round, Path log) {
    String where = "round " + round + " of side " + side + (side == Side.A ? " (the base revision)"
        : " (the working tree)");
    UnfinishedRuns runs = UnfinishedRuns.of(store);
    String remedy = runs.running().isEmpty() && runs.interrupted().isEmpty()
        ? "Each side's build must run a Countersign that marks its test runs: where "
            + (side == Side.A ? "the base revision's" : "the working tree's") + " pom names an"
            + " older countersign-junit or countersign-maven-plugin, compare against a revision"
            + " that uses this one (or upgrade it there first), then run countersign:compare again."
        : "Find in that round's build log, " + log + ", why the test JVM ended early (a crash,"
            + " System.exit, a Surefire timeout, the OOM killer), remove the cause, then run"
            + " countersign:compare again.";
    runs.problem(store.dir(), "Nothing was compared: " + where + " did not run all its tests,"
        + " and judging the ones that ran first would leave the others out without a word", remedy)
        .ifPresent(p -> {
          throw new CompareException(where + " is incomplete: " + p);
        });
    return store.readAll();
  }

  /** Surefire's {@code -Dtest} syntax: {@code pkg.Class#m1+m2,pkg.Other#m}. */
  static String surefireFilter(Set<String> tests) {
    Map<String, Set<String>> byClass = new TreeMap<>();
    for (String t : tests) {
      int dot = t.lastIndexOf('.');
      byClass.computeIfAbsent(t.substring(0, dot), c -> new TreeSet<>())
          .add(t.substring(dot + 1));
    }
    Map<String, String> parts = new LinkedHashMap<>();
    byClass.forEach((c, methods) -> parts.put(c, c + "#" + String.join("+", methods)));
    return String.join(",", parts.values());
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new CompareException("cannot clear " + dir + " before a round: " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new CompareException("cannot keep the results of a round in " + to + ": "
          + e.getMessage(), e);
    }
  }
}
