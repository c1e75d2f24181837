package dev.countersign.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One build of one module, as the history keeps it.
 *
 * @param module {@code groupId:artifactId}
 * @param buildId unique per build of the module; a second append with the same id is ignored
 * @param commit the commit built ({@code unknown} outside git)
 * @param branch the branch built ({@code unknown} outside git)
 * @param builtAt when {@code check} ran
 */
public record BuildInfo(String module, String buildId, String commit, String branch,
    Instant builtAt) {

  public BuildInfo {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(builtAt, "builtAt");
  }

  /** The commit, shortened to 12 characters when it is a full hash. */
  public String shortCommit() {
    return commit.matches("[0-9a-f]{13,}") ? commit.substring(0, 12) : commit;
  }
}
