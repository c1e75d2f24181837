package dev.countersign.maven;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.compare.Compare;
import dev.countersign.compare.CompareException;
import dev.countersign.compare.CompareSettings;
import dev.countersign.compare.MavenRoundRunner;
import dev.countersign.results.CountersignFileException;
import dev.countersign.settings.Settings;
import dev.countersign.stats.Correction;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectBuilder;

/**
 * Same-machine A/B: runs the module's {@code @PerfTest}s of the base revision (A, checked out into
 * a temporary git worktree) and of this working tree (B) alternately in rounds of fresh JVMs, and
 * judges each metric on the paired rounds. Prints the table, writes the reports, and fails the
 * build on a regression as {@code check} does. The logic is in {@link Compare}.
 */
@Mojo(name = "compare", threadSafe = false)
public class CompareMojo extends CountersignMojo {

  /** Properties that steer this goal and are not passed on to the two sides' builds. */
  private static final Set<String> OWN = Set.of(Settings.AGAINST, Settings.ROUNDS);

  /**
   * The git ref of A. Default: the merge base of HEAD and the target branch the CI names
   * ({@code GITHUB_BASE_REF}, {@code CI_MERGE_REQUEST_TARGET_BRANCH_NAME}).
   */
  @Parameter(property = Settings.AGAINST)
  String against;

  /** Rounds of A and B (at least 2; one suffices when every metric is deterministic). */
  @Parameter(property = Settings.ROUNDS, defaultValue = "6")
  int rounds;

  /**
   * Steady-state warm-up of every test in every round, on both sides ({@code 500ms}, {@code 1s}):
   * after its {@code warmup} invocations a test warms up until this much time has passed and the
   * JIT is quiet, so that every fresh JVM measures compiled code; {@code 0} = the {@code warmup}
   * invocations only.
   */
  @Parameter(property = Settings.WARMUP_TIME, defaultValue = Settings.DEFAULT_COMPARE_WARMUP_TIME)
  String warmupTime;

  /**
   * Measuring time of every test in every round, on both sides ({@code 200ms}): after its planned
   * iterations a test measures further batches for this long, so that its samples span more than
   * one state of a shared machine; {@code 0} = the planned iterations only.
   */
  @Parameter(property = Settings.MEASURE_TIME, defaultValue = Settings.DEFAULT_COMPARE_MEASURE_TIME)
  String measureTime;

  /** Default practical threshold in percent for metrics without {@code @MaxRegression}. */
  @Parameter(property = Settings.THRESHOLD, defaultValue = "5.0")
  double threshold;

  /** Multiple-testing correction across the metrics: {@code holm}, {@code bh} or {@code none}. */
  @Parameter(property = Settings.CORRECTION, defaultValue = "holm")
  String correction;

  /** Fail the build on a REGRESSION or INCOMPARABLE row; false = advisory. */
  @Parameter(property = Settings.FAIL_ON_REGRESSION, defaultValue = "true")
  boolean failOnRegression;

  /** Directory the reports are written to. */
  @Parameter(property = Settings.REPORT_DIR, defaultValue = "${project.build.directory}/countersign")
  File reportDir;

  @Parameter(defaultValue = "${project.packaging}", readonly = true)
  String packaging;

  /** Reads A's POMs, for A's own Surefire includes and excludes. */
  @Component
  ProjectBuilder projectBuilder;

  @Override
  String goal() {
    return "compare";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if ("pom".equals(packaging)) {
      getLog().info("Countersign compare: " + basedir + " is a pom module, no tests to compare");
      return;
    }
    CompareSettings settings;
    try {
      settings = new CompareSettings(against, rounds, threshold, Correction.parse(correction),
          failOnRegression);
      // a bad duration is reported here, once, rather than by every test JVM of every round
      Settings given = Settings.of(k -> k.equals(Settings.WARMUP_TIME) ? warmupTime
          : k.equals(Settings.MEASURE_TIME) ? measureTime : null, "compare");
      given.warmupSeconds();
      given.measureSeconds();
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    Path logDir = reportDir.toPath().resolve("compare");
    Compare.Outcome outcome;
    try {
      outcome = Compare.run(basedir.toPath(), settings, System.getenv(),
          Path.of(System.getProperty("java.io.tmpdir")),
          dirs -> new MavenRoundRunner(maven(), dirs,
              SurefireSelection.of(project, dirs, new BaseProject(projectBuilder, session)::of),
              logDir), getLog()::info);
    } catch (CompareException | CountersignFileException e) {
      throw new MojoExecutionException("Countersign compare: " + e.getMessage(), e);
    }
    CheckReport report = outcome.report();
    getLog().info("Countersign compare: " + report.results().size() + " performance test(s), "
        + outcome.rounds() + " round(s); builds and results of each round in " + logDir);
    GateLog.tableAndReports(getLog(), report, reportDir.toPath());
    List<CheckRow> failures = report.failures();
    if (failures.isEmpty()) {
      return;
    }
    String summary = GateLog.failures(failures, " against " + outcome.base().ref());
    if (!failOnRegression) {
      getLog().warn("Countersign compare found " + failures.size() + " failing row(s); not"
          + " failing the build (countersign.failOnRegression=false):" + summary);
      return;
    }
    throw new MojoFailureException("Countersign compare: " + failures.size()
        + " performance comparison(s) failed:" + summary + "\nSee the table above and "
        + reportDir + ". " + GateLog.compareAdvice(failures));
  }

  /** The Maven that runs this goal, with its settings, local repository and user properties. */
  private MavenRoundRunner.Invocation maven() {
    List<String> args = new ArrayList<>();
    args.add("-B");
    if (session.isOffline()) {
      args.add("-o");
    }
    File settings = session.getRequest().getUserSettingsFile();
    if (settings != null && settings.isFile()) {
      args.add("-s");
      args.add(settings.getAbsolutePath());
    }
    args.add("-Dmaven.repo.local=" + session.getRepositorySession().getLocalRepository()
        .getBasedir().getAbsolutePath());
    for (Map.Entry<Object, Object> e : session.getUserProperties().entrySet()) {
      String key = e.getKey().toString();
      if (!OWN.contains(key) && !key.equals("maven.repo.local")) {
        args.add("-D" + key + "=" + e.getValue());
      }
    }
    if (!session.getUserProperties().containsKey(Settings.WARMUP_TIME)) {
      args.add("-D" + Settings.WARMUP_TIME + "=" + warmupTime);
    }
    if (!session.getUserProperties().containsKey(Settings.MEASURE_TIME)) {
      args.add("-D" + Settings.MEASURE_TIME + "=" + measureTime);
    }
    String home = System.getProperty("maven.home");
    if (home == null) {
      throw new CompareException("maven.home is not set, so the Maven that runs the two sides"
          + " cannot be found; run compare with mvn or ./mvnw");
    }
    return new MavenRoundRunner.Invocation(Path.of(home, "bin", "mvn"), args);
  }
}
