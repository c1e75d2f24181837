package dev.countersign.maven;

import dev.countersign.results.CountersignFileException;
import dev.countersign.results.ResultStore;
import dev.countersign.results.UnfinishedRuns;
import dev.countersign.results.TestResult;
import dev.countersign.settings.Settings;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What Countersign's goals share: {@code countersign.skip}, the module and the session, and the
 * look-up of this build's results. A goal implements {@link #run()}; {@code doctor}, which also
 * runs without a project, is not one of them.
 */
abstract class CountersignMojo extends AbstractMojo {

  /** Skip the goal. */
  @Parameter(property = Settings.SKIP, defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  File basedir;

  @Parameter(defaultValue = "${project}", readonly = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** The goal's name, for messages. */
  abstract String goal();

  /** The goal's work, unless skipped. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** What a skipped goal still does; nothing by default. */
  void skipped() {}

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Countersign " + goal() + " skipped (" + Settings.SKIP + ")");
      skipped();
      return;
    }
    run();
  }

  /**
   * Whether this module's pom runs {@code prepare-agent} (an execution of its own or inherited):
   * only then do its tests write Countersign results. A goal typed on the command line of a reactor
   * build also runs in the modules that do not.
   */
  boolean preparesAgent() {
    Plugin self = project == null ? null : project.getPlugin(PrepareAgentMojo.PLUGIN_KEY);
    return self != null
        && self.getExecutions().stream().anyMatch(e -> e.getGoals().contains("prepare-agent"));
  }

  /**
   * The one line a goal logs where there is nothing to act on: in a module that does not run
   * Countersign it says so and is skipped, as JaCoCo's report is without execution data; in one
   * that does, {@code otherwise}, which tells what to do.
   */
  String nothingToActOn(Inputs in, String otherwise) {
    if (preparesAgent()) {
      return otherwise;
    }
    return "Countersign " + goal() + " skipped: " + project.getArtifactId() + " does not run"
        + " Countersign (no prepare-agent execution of " + PrepareAgentMojo.PLUGIN_KEY + " in its"
        + " pom) and has no results in " + in.where();
  }

  /**
   * What {@code check} and {@code baseline} act on: this build's results and the JMH result files.
   *
   * @param results the build's results (an empty store when no build was started)
   * @param jmh the results read from the JMH files named
   * @param where the build's folder, or the results directory when there is none, for messages
   */
  record Inputs(ResultStore results, List<TestResult> jmh, Path where) {
    boolean isEmpty() {
      return results.files().isEmpty() && jmh.isEmpty();
    }

    /**
     * What makes this build's results incomplete ({@link UnfinishedRuns}), as the goal's message,
     * which ends with what {@code refused} says was not done; empty when they are complete.
     */
    Optional<String> unfinished(String goal, String refused) throws MojoExecutionException {
      try {
        return UnfinishedRuns.of(results).problem(results.dir(), refused)
            .map(p -> "Countersign " + goal + ": " + p);
      } catch (CountersignFileException e) {
        throw new MojoExecutionException("Countersign cannot read " + e.getMessage(), e);
      }
    }
  }

  /**
   * This build's results in {@code resultsDir} (the build {@code buildId} names, else this
   * session's, else the one started last) and the JMH result files {@code jmhResults} names.
   */
  Inputs inputs(File resultsDir, String buildId, String jmhResults)
      throws MojoExecutionException {
    Optional<ResultStore> build = ThisBuild.results(resultsDir, buildId, project,
        session == null ? null : session.getStartTime().toInstant(), getLog(), goal());
    // without any build there is nothing of this build to read: an empty store
    ResultStore results =
        build.orElseGet(() -> new ResultStore(resultsDir.toPath().resolve(".none")));
    return new Inputs(results, JmhInputs.read(jmhResults, basedir),
        build.map(ResultStore::dir).orElse(resultsDir.toPath()));
  }
}
