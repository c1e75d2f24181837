package dev.countersign.maven;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
   * @param goal the goal's name, for the log
   */
  static Optional<ResultStore> results(File resultsDir, String given, MavenProject project,
      Log log, String goal) throws MojoExecutionException {
    ResultsDirectory dir = new ResultsDirectory(resultsDir.toPath());
    List<Path> stray = dir.unattributedFiles();
    if (!stray.isEmpty()) {
      log.warn("Countersign " + goal + ": " + stray.size() + " result file(s) lie directly in "
          + resultsDir + ", outside any build's folder (written by an older Countersign); they are"
          + " not of this build and are ignored. Delete them ('mvn clean').");
    }
    String id = given != null && !given.isBlank() ? given
        : project == null ? null : project.getProperties().getProperty(BuildId.PROPERTY);
    if (id != null && !id.isBlank()) {
      ResultStore store = dir.build(parse(id.strip()));
      log.info("Countersign " + goal + " reads the results of this build, " + id.strip() + " ("
          + store.dir() + ")");
      return Optional.of(store);
    }
    Optional<ResultStore> latest = dir.latest().map(dir::build);
    latest.ifPresent(s -> log.info("Countersign " + goal + " reads the results of the build"
        + " started last, " + s.dir().getFileName() + " (" + s.dir() + ")"));
    return latest;
  }

  static BuildId parse(String id) throws MojoExecutionException {
    try {
      return new BuildId(id);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
