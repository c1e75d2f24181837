package dev.countersign.maven;

import dev.countersign.settings.Settings;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.CountersignFileException;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Samples;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Promotes the last results ({@code target/countersign/results}) to the committed baselines
 * ({@code src/test/countersign/}), printing what changed. Run after {@code mvn verify}: {@code mvn
 * countersign:baseline}, then review and commit the files.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMojo {

  @Parameter(property = Settings.SKIP, defaultValue = "false")
  boolean skip;

  /** Directory of the committed baselines. */
  @Parameter(property = Settings.BASELINE_DIR, defaultValue = "${project.basedir}/src/test/countersign")
  File baselineDir;

  /** Directory of the results to promote. */
  @Parameter(property = Settings.RESULTS_DIR, defaultValue = "${project.build.directory}/countersign/results")
  File resultsDir;

  /** How many promoted runs a baseline keeps (their samples are pooled by check). */
  @Parameter(property = Settings.HISTORY, defaultValue = "1")
  int history;

  /** JMH result files ({@code -rf json}, comma-separated, relative to the module) to promote too. */
  @Parameter(property = Settings.JMH_RESULTS)
  String jmhResults;

  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  File basedir;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Countersign baseline skipped (countersign.skip)");
      return;
    }
    if (history < 1) {
      throw new MojoExecutionException("countersign.history is " + history + "; it must be ≥ 1");
    }
    ResultStore results = new ResultStore(resultsDir.toPath());
    List<TestResult> jmh = JmhInputs.read(jmhResults, basedir);
    if (!results.exists() && jmh.isEmpty()) {
      getLog().info("Countersign baseline: no results in " + resultsDir
          + "; run the tests first (mvn verify), then 'mvn countersign:baseline'. Nothing written.");
      return;
    }
    BaselineStore baselines = new BaselineStore(baselineDir.toPath());
    try {
      List<TestResult> all = new ArrayList<>(results.readAll());
      all.addAll(jmh);
      // read every existing baseline before writing any, so a corrupt one stops us with nothing changed
      for (TestResult r : all) {
        baselines.read(r.test());
      }
      for (TestResult r : all) {
        Optional<Baseline> previous = baselines.promote(r, history);
        getLog().info((previous.isPresent() ? "updated " : "created ")
            + baselines.fileOf(r.test()));
        for (MetricSeries m : r.gatedMetrics()) {
          getLog().info("  " + m.name() + " [" + m.source().id() + "]: " + describe(previous, m));
        }
      }
      getLog().info("Countersign: " + all.size() + " baseline(s) written to " + baselineDir
          + "; review and commit them.");
    } catch (CountersignFileException e) {
      throw new MojoExecutionException("Countersign cannot read " + e.getMessage()
          + ". Nothing was written.", e);
    }
  }

  private static String describe(Optional<Baseline> previous, MetricSeries m) {
    double now = Samples.median(m.values());
    Optional<MetricSeries> before = previous.flatMap(b -> b.latest().metrics().stream()
        .filter(x -> x.name().equals(m.name()) && x.source() == m.source()).findFirst());
    if (before.isEmpty()) {
      return "new, " + Numbers.format(now) + " " + m.unit() + "/op";
    }
    double was = Samples.median(before.get().values());
    double change = was == 0 ? (now == 0 ? 0 : Double.POSITIVE_INFINITY) : (now / was - 1) * 100;
    return Numbers.format(was) + " -> " + Numbers.format(now) + " " + m.unit() + "/op ("
        + Numbers.percent(change) + ")";
  }

}
