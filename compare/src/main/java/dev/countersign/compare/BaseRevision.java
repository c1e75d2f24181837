package dev.countersign.compare;

import java.util.Map;

/**
 * The revision A of an A/B comparison.
 *
 * @param ref what it was named by ({@code origin/main}, a commit id, ...)
 * @param commit the full commit id
 * @param chosenBy how it was chosen, for the report ("countersign.against", "merge-base of HEAD
 *     and origin/main (GITHUB_BASE_REF)")
 */
public record BaseRevision(String ref, String commit, String chosenBy) {

  /** CI variables naming the target branch of a pull or merge request, in the order tried. */
  static final String[] TARGET_BRANCH_VARIABLES = {"GITHUB_BASE_REF",
      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "BITBUCKET_PR_DESTINATION_BRANCH",
      "SYSTEM_PULLREQUEST_TARGETBRANCH"};

  /**
   * A from {@code countersign.against} when given, else the merge base of {@code HEAD} and the
   * target branch a CI names (GitHub Actions' {@code GITHUB_BASE_REF}, GitLab's {@code
   * CI_MERGE_REQUEST_TARGET_BRANCH_NAME}, Bitbucket's and Azure's equivalents), tried as {@code
   * origin/<branch>} and then {@code <branch>}.
   *
   * @param against the value of {@code countersign.against}, or null/blank
   * @param env the environment variables
   * @throws CompareException when neither names a commit of this repository
   */
  public static BaseRevision resolve(Git git, String against, Map<String, String> env) {
    if (against != null && !against.isBlank()) {
      String ref = against.strip();
      return new BaseRevision(ref, git.commitOf(ref), "countersign.against");
    }
    for (String variable : TARGET_BRANCH_VARIABLES) {
      String branch = env.get(variable);
      if (branch == null || branch.isBlank()) {
        continue;
      }
      branch = branch.strip().replaceFirst("^refs/heads/", "");
      String ref = git.hasCommit("origin/" + branch) ? "origin/" + branch : branch;
      String tip = git.commitOf(ref);
      return new BaseRevision(ref, git.mergeBase("HEAD", tip),
          "merge-base of HEAD and " + ref + " (" + variable + ")");
    }
    throw new CompareException("countersign:compare does not know what to compare against:"
        + " set -Dcountersign.against=<git ref> (e.g. origin/main, a tag or a commit). On a"
        + " pull request in CI it defaults to the merge base with the target branch, from"
        + " GITHUB_BASE_REF or CI_MERGE_REQUEST_TARGET_BRANCH_NAME, none of which is set here");
  }
}
