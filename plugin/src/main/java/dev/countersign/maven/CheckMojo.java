package dev.countersign.maven;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.check.CheckTable;
import dev.countersign.report.Reports;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.CountersignFileException;
import dev.countersign.settings.Settings;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Correction;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Compares this build's performance-test results with the committed baselines and budgets, prints
 * one table in the build log, writes the reports into {@code target/countersign/}, and fails the
 * build on a regression or a broken budget.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends CountersignMojo {

  /** Fail the build on a REGRESSION, OVER BUDGET or INCOMPARABLE row; false = advisory. */
  @Parameter(property = Settings.FAIL_ON_REGRESSION, defaultValue = "true")
  boolean failOnRegression;

  /** Default practical threshold in percent for metrics without {@code @MaxRegression}. */
  @Parameter(property = Settings.THRESHOLD, defaultValue = "5.0")
  double threshold;

  /**
   * Multiple-testing correction across all comparisons of the build: {@code holm} (family-wise
   * error rate 5%), {@code bh} (Benjamini-Hochberg, false-discovery rate 5%) or {@code none}.
   */
  @Parameter(property = Settings.CORRECTION, defaultValue = "holm")
  String correction;

  /** Fail the build when a test has no committed baseline. */
  @Parameter(property = Settings.REQUIRE_BASELINE, defaultValue = "false")
  boolean requireBaseline;

  /** Directory of the committed baselines. */
  @Parameter(property = Settings.BASELINE_DIR, defaultValue = "${project.basedir}/src/test/countersign")
  File baselineDir;

  /**
   * Directory of the results (written by the JUnit extension), one folder per build; check reads
   * this build's only.
   */
  @Parameter(property = Settings.RESULTS_DIR, defaultValue = "${project.build.directory}/countersign/results")
  File resultsDir;

  /** Directory the reports are written to. */
  @Parameter(property = Settings.REPORT_DIR, defaultValue = "${project.build.directory}/countersign")
  File reportDir;

  /**
   * JMH result files ({@code -rf json}) to gate as well: comma-separated paths, relative to the
   * module, e.g. {@code target/jmh-result.json}. Each benchmark is compared with its baseline like a
   * {@code @PerfTest}; throughput (ops/time) is higher-is-better.
   */
  @Parameter(property = Settings.JMH_RESULTS)
  String jmhResults;

  /** The build whose results to check; default: this session's, else the build started last. */
  @Parameter(property = Settings.BUILD_ID)
  String buildId;

  @Component
  SettingsDecrypter decrypter;

  private static long countBaselines(BaselineStore baselines) {
    try {
      return baselines.files().size();
    } catch (CountersignFileException e) {
      return 0; // only for the message; check reads nothing when there are no results
    }
  }

  @Override
  String goal() {
    return "check";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Inputs in = inputs(resultsDir, buildId, jmhResults);
    BaselineStore baselineStore = new BaselineStore(baselineDir.toPath());
    if (in.isEmpty()) {
      // a test JVM killed before its first result leaves a mark and no file: not "no results"
      Optional<String> unfinished = in.unfinished(goal(), "Nothing was checked");
      if (unfinished.isPresent()) {
        throw new MojoExecutionException(unfinished.get());
      }
      long baselines = countBaselines(baselineStore);
      getLog().info(nothingToActOn(in, "Countersign check: no results of this build in "
          + in.where() + " (no @PerfTest ran in this module, or the tests were skipped); nothing"
          + " was checked"
          + (baselines > 0 ? " against the " + baselines + " baseline(s) in " + baselineDir : "")));
      return;
    }
    CheckSettings settings;
    try {
      settings = new CheckSettings(threshold, failOnRegression, requireBaseline,
          Correction.parse(correction));
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    CheckReport report;
    try {
      // a promotion a crash interrupted is completed (or undone) before any baseline is read
      baselineStore.recover().forEach(line -> getLog().info("Countersign check: " + line));
      report = new Check(Comparators.standard(settings.correction()))
          .run(in.results(), in.jmh(), baselineStore, settings);
    } catch (CountersignFileException e) {
      throw new MojoExecutionException("Countersign cannot read " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("Countersign cannot compare: " + e.getMessage(), e);
    }
    getLog().info("Countersign: " + report.results().size() + " performance test(s) against "
        + baselineDir);
    for (String line : CheckTable.lines(report)) {
      getLog().info(line);
    }
    Reports.Written written = Reports.write(report, reportDir.toPath());
    written.environmentWarnings().forEach(w -> getLog().warn("Countersign: " + w));
    report.notes().forEach(note -> getLog().info("Countersign: " + note));
    for (Path f : written.files()) {
      getLog().info("Countersign report: " + f);
    }
    // the table and reports above show what the incomplete run measured; it is not this build's
    // verdict, and not appended to the history
    Optional<String> unfinished = in.unfinished(goal(), "The table above judges only what was"
        + " written so far; the build fails, and it is not added to the history");
    if (unfinished.isPresent()) {
      throw new MojoExecutionException(unfinished.get());
    }
    HistoryHook.afterCheck(report, session, decrypter, getLog());
    List<CheckRow> failures = report.failures();
    if (failures.isEmpty()) {
      return;
    }
    String summary = GateLog.failures(failures, "");
    if (!failOnRegression) {
      getLog().warn("Countersign found " + failures.size() + " failing row(s); not failing the"
          + " build (countersign.failOnRegression=false):" + summary);
      return;
    }
    throw new MojoFailureException("Countersign: " + failures.size()
        + " performance check(s) failed:" + summary
        + "\nSee the table above and " + reportDir + ". " + GateLog.advice(failures));
  }
}
