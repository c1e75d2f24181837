package dev.countersign.maven;

import dev.countersign.check.CheckReport;
import dev.countersign.history.BuildIdentity;
import dev.countersign.history.BuildInfo;
import dev.countersign.history.HistoryRecorder;
import dev.countersign.history.StoreLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What {@code check} does after its verdict: appends the build to the history store. Whatever
 * goes wrong here is a warning; it never changes the verdict or touches the results.
 */
final class HistoryHook {

  private HistoryHook() {}

  static void afterCheck(CheckReport report, MavenSession session, SettingsDecrypter decrypter,
      Log log) {
    try {
      Map<String, String> env = System.getenv();
      Optional<StoreLocation> location = HistoryLocations.resolve(session, decrypter, env);
      MavenProject project = session.getCurrentProject();
      Path dir = project.getBasedir().toPath();
      BuildInfo build = new BuildInfo(project.getGroupId() + ":" + project.getArtifactId(),
          BuildIdentity.buildId(setting(session, BuildIdentity.BUILD_ID_KEY)),
          BuildIdentity.commit(setting(session, BuildIdentity.COMMIT_KEY), env, dir),
          BuildIdentity.branch(setting(session, BuildIdentity.BRANCH_KEY), env, dir),
          Instant.now());
      HistoryRecorder.Outcome outcome = HistoryRecorder.record(location, build, report);
      if (outcome.warning()) {
        log.warn(outcome.message());
      } else {
        log.info(outcome.message());
      }
    } catch (RuntimeException e) {
      log.warn("Countersign history: not recorded (the verdict is unaffected): " + e.getMessage());
    }
  }

  private static String setting(MavenSession session, String key) {
    return HistoryLocations.setting(session, key).orElse(null);
  }
}
