package dev.countersign.maven;

import dev.countersign.settings.Settings;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.CountersignFileException;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.PromotionException;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Samples;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Promotes the results of the last build ({@code target/countersign/results/<build id>/}) to the
 * committed baselines ({@code src/test/countersign/}), printing what changed. Run after {@code mvn
 * verify}: {@code mvn countersign:baseline}, then review and commit the files. Only the results of
 * that build are promoted: a baseline whose test did not run in it is left as it is.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends CountersignMojo {

  /** Directory of the committed baselines. */
  @Parameter(property = Settings.BASELINE_DIR, defaultValue = "${project.basedir}/src/test/countersign")
  File baselineDir;

  /** Directory of the results, one folder per build; the last build's are promoted. */
  @Parameter(property = Settings.RESULTS_DIR, defaultValue = "${project.build.directory}/countersign/results")
  File resultsDir;

  /** How many promoted runs a baseline keeps (their samples are pooled by check). */
  @Parameter(property = Settings.HISTORY, defaultValue = "1")
  int history;

  /** JMH result files ({@code -rf json}, comma-separated, relative to the module) to promote too. */
  @Parameter(property = Settings.JMH_RESULTS)
  String jmhResults;

  /** The build whose results to promote; default: this session's, else the build started last. */
  @Parameter(property = Settings.BUILD_ID)
  String buildId;


  @Override
  String goal() {
    return "baseline";
  }

  @Override
  void run() throws MojoExecutionException {
    if (history < 1) {
      throw new MojoExecutionException("countersign.history is " + history + "; it must be ≥ 1");
    }
    Inputs in = inputs(resultsDir, buildId, jmhResults);
    // before "no results": a test JVM killed before its first result leaves a mark and no file
    Optional<String> unfinished = in.unfinished(goal(), "Nothing was promoted: every baseline"
        + " in " + baselineDir + " is as it was");
    if (unfinished.isPresent()) {
      throw new MojoExecutionException(unfinished.get());
    }
    if (in.isEmpty()) {
      getLog().info(nothingToActOn(in, "Countersign baseline: no results of this build in "
          + in.where() + "; run the tests first (mvn verify), then 'mvn countersign:baseline'."
          + " Nothing written."));
      return;
    }
    BaselineStore baselines = new BaselineStore(baselineDir.toPath());
    List<TestResult> all = new ArrayList<>();
    List<Optional<Baseline>> previous;
    try {
      baselines.recover().forEach(line -> getLog().info("Countersign baseline: " + line));
      all.addAll(in.results().readAll());
      all.addAll(in.jmh());
    } catch (CountersignFileException e) {
      throw new MojoExecutionException("Countersign cannot read " + e.getMessage()
          + ". Nothing was written.", e);
    }
    try {
      previous = baselines.promoteAll(all, history);
    } catch (PromotionException e) {
      throw new MojoExecutionException("Countersign baseline: " + e.getMessage(), e);
    } catch (CountersignFileException e) {
      // every old baseline is read before any is written: a corrupt one stops us here
      throw new MojoExecutionException("Countersign cannot read " + e.getMessage()
          + ". Nothing was written.", e);
    }
    for (int i = 0; i < all.size(); i++) {
      TestResult r = all.get(i);
      getLog().info((previous.get(i).isPresent() ? "updated " : "created ")
          + baselines.fileOf(r.test()));
      for (MetricSeries m : r.gatedMetrics()) {
        getLog().info("  " + m.name() + " [" + m.source().id() + "]: "
            + describe(previous.get(i), m));
      }
    }
    getLog().info("Countersign: " + all.size() + " baseline(s) written to " + baselineDir
        + "; review and commit them.");
    Set<String> notRun = new TreeSet<>();
    baselines.files().forEach(f -> notRun.add(f.getFileName().toString()));
    all.forEach(r -> notRun.remove(r.test().fileName()));
    if (!notRun.isEmpty()) {
      getLog().info("Countersign: " + notRun.size() + " baseline(s) left as they are, their"
          + " tests did not run in this build: " + String.join(", ", notRun));
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
