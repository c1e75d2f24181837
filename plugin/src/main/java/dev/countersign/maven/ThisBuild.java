package dev.countersign.maven;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Which build's results the {@code check} and {@code baseline} goals act on: the build of this
 * Maven session, whose id {@code prepare-agent} minted ({@code countersign.buildId}); without one (the
 * goal run on its own, {@code mvn countersign:baseline} after {@code mvn verify}) the build
 * started last in the results directory.
 */
final class ThisBuild {

  private ThisBuild() {}

  /**
   * The results of the build to act on, or empty when no build was ever started there.
   *
   * @param given the {@code countersign.buildId} parameter of the goal (may be null)
   * @param sessionStart when this Maven session started (null when unknown)
   * @param goal the goal's name, for the log
   * @throws MojoExecutionException when a test JVM of this session wrote its results outside this
   *     build's folder: it ran without the {@code argLine} {@code prepare-agent} set, so its
   *     results would go unjudged while the build passed
   */
  static Optional<ResultStore> results(File resultsDir, String given, MavenProject project,
      Instant sessionStart, Log log, String goal) throws MojoExecutionException {
    ResultsDirectory dir = new ResultsDirectory(resultsDir.toPath());
    List<Path> stray = dir.unattributedFiles();
    if (!stray.isEmpty()) {
      log.warn("Countersign " + goal + ": " + stray.size() + " result file(s) lie directly in "
          + resultsDir + ", outside any build's folder (written by an older Countersign); they are"
          + " not of this build and are ignored. Delete them ('mvn clean').");
    }
    // prepare-agent sets the property on the project; the goal's parameter then reads it too
    String minted = project == null ? null : project.getProperties().getProperty(BuildId.PROPERTY);
    String id = given != null && !given.isBlank() ? given : minted;
    if (id != null && !id.isBlank()) {
      BuildId build = parse(id.strip());
      if (id.equals(minted) && sessionStart != null) {
        refuseResultsOutside(dir.standaloneRunsWrittenSince(sessionStart), build, goal);
      }
      ResultStore store = dir.build(build);
      log.info("Countersign " + goal + " reads the results of this build, " + id.strip() + " ("
          + store.dir() + ")");
      return Optional.of(store);
    }
    Optional<ResultStore> latest = dir.latest().map(dir::build);
    latest.ifPresent(s -> log.info("Countersign " + goal + " reads the results of the build"
        + " started last, " + s.dir().getFileName() + " (" + s.dir() + ")"));
    return latest;
  }

  private static void refuseResultsOutside(List<ResultStore> others, BuildId build, String goal)
      throws MojoExecutionException {
    if (others.isEmpty()) {
      return;
    }
    String where = others.stream()
        .map(o -> o.files().size() + " in " + o.dir())
        .collect(Collectors.joining(", "));
    throw new MojoExecutionException("Countersign " + goal + ": a test JVM of this build ("
        + build + ") wrote @PerfTest results without its id: " + where + ". That JVM did not get"
        + " the argLine prepare-agent set (the simulator agent and -Dcountersign.buildId), so its"
        + " results are not measured as configured and nothing was "
        + (goal.equals("baseline") ? "recorded" : "checked") + ". Usually a Surefire or Failsafe"
        + " <argLine> replaces the property: write it as <argLine>@{argLine} your options</argLine>"
        + " (or, when it reads another property, set prepare-agent's <propertyName> to that one)"
        + " and run the build again. (A test run of an IDE writing into this module's target/ at"
        + " the same time has the same effect.)");
  }

  static BuildId parse(String id) throws MojoExecutionException {
    try {
      return new BuildId(id);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
