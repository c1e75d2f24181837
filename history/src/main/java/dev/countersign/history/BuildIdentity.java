package dev.countersign.history;

import dev.countersign.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The commit and branch of a build: given settings first, then the CI's variables (GitHub
 * Actions, GitLab CI, Jenkins), then {@code git} in the module's directory, else {@code unknown}.
 */
public final class BuildIdentity {

  /** Setting overriding the commit recorded. */
  public static final String COMMIT_KEY = Settings.HISTORY_COMMIT;
  /** Setting overriding the branch recorded. */
  public static final String BRANCH_KEY = Settings.HISTORY_BRANCH;
  /**
   * Setting naming the build; default a fresh random id per {@code check}. A CI that may re-run
   * {@code check} on the same results sets it (e.g. its run id) so the build is recorded once.
   */
  public static final String BUILD_ID_KEY = Settings.HISTORY_BUILD_ID;

  static final String UNKNOWN = "unknown";

  private BuildIdentity() {}

  public static String commit(String given, Map<String, String> env, Path dir) {
    return first(given, env, List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT"))
        .or(() -> git(dir, "rev-parse", "HEAD"))
        .orElse(UNKNOWN);
  }

  public static String branch(String given, Map<String, String> env, Path dir) {
    return first(given, env, List.of("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME",
            "GIT_BRANCH"))
        .or(() -> git(dir, "rev-parse", "--abbrev-ref", "HEAD"))
        .orElse(UNKNOWN);
  }

  public static String buildId(String given) {
    return given != null && !given.isBlank() ? given.strip() : UUID.randomUUID().toString();
  }

  private static Optional<String> first(String given, Map<String, String> env, List<String> vars) {
    if (given != null && !given.isBlank()) {
      return Optional.of(given.strip());
    }
    return vars.stream().map(env::get).filter(v -> v != null && !v.isBlank()).findFirst();
  }

  private static Optional<String> git(Path dir, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroy();
        return Optional.empty();
      }
      return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
