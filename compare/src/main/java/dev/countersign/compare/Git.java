package dev.countersign.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The few git commands {@code compare} needs, run with the {@code git} on the PATH. */
public final class Git {

  private final Path topLevel;

  private Git(Path topLevel) {
    this.topLevel = topLevel;
  }

  /**
   * The repository whose working tree holds {@code dir}.
   *
   * @throws CompareException when {@code dir} is not inside a git working tree, or git is missing
   */
  public static Git at(Path dir) {
    Result r = exec(dir, "rev-parse", "--show-toplevel");
    if (r.status != 0) {
      throw new CompareException(dir + " is not inside a git repository (" + r.firstLine()
          + "): countersign:compare checks out the base revision with git. Run it in the"
          + " repository's working tree, or judge against committed baselines with 'mvn verify'"
          + " (countersign:check)");
    }
    return new Git(Path.of(r.out.strip()));
  }

  /** The root of the working tree. */
  public Path topLevel() {
    return topLevel;
  }

  /**
   * The commit a ref names.
   *
   * @throws CompareException when the ref names no commit here
   */
  public String commitOf(String ref) {
    Result r = exec(topLevel, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (r.status != 0 || r.out.isBlank()) {
      throw new CompareException("unknown git ref '" + ref + "' in " + topLevel + ": give a"
          + " branch, tag or commit that exists here, e.g. -Dcountersign.against=origin/main (in a"
          + " shallow CI clone, fetch it first: git fetch origin main)");
    }
    return r.out.strip();
  }

  /** Whether a ref names a commit here. */
  public boolean hasCommit(String ref) {
    return exec(topLevel, "rev-parse", "--verify", "--quiet", ref + "^{commit}").status == 0;
  }

  /** The best common ancestor of two commits. */
  public String mergeBase(String a, String b) {
    return run("merge-base", a, b).strip();
  }

  /** The short form of a commit id. */
  public String shortId(String commit) {
    return run("rev-parse", "--short", commit).strip();
  }

  /** Whether the working tree has changes not committed (they are part of B as they are). */
  public boolean dirty() {
    return !run("status", "--porcelain", "--untracked-files=no").isBlank();
  }

  /** Checks {@code commit} out, detached, into a new worktree at {@code dir}. */
  public void addWorktree(Path dir, String commit) {
    run("worktree", "add", "--detach", "--force", dir.toString(), commit);
  }

  /** Removes the worktree at {@code dir} (also when it holds build output) and prunes its entry. */
  public void removeWorktree(Path dir) {
    exec(topLevel, "worktree", "remove", "--force", "--force", dir.toString());
    exec(topLevel, "worktree", "prune");
  }

  /** The worktrees git knows, as {@code git worktree list --porcelain} paths. */
  public List<Path> worktrees() {
    List<Path> out = new ArrayList<>();
    for (String line : run("worktree", "list", "--porcelain").split("\n")) {
      if (line.startsWith("worktree ")) {
        out.add(Path.of(line.substring("worktree ".length())));
      }
    }
    return out;
  }

  private String run(String... args) {
    Result r = exec(topLevel, args);
    if (r.status != 0) {
      throw new CompareException("git " + String.join(" ", args) + " failed in " + topLevel
          + " (exit " + r.status + "): " + r.out.strip());
    }
    return r.out;
  }

  private record Result(int status, String out) {
    String firstLine() {
      String s = out.strip();
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }

  private static Result exec(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    } catch (IOException e) {
      throw new CompareException("cannot run git (" + e.getMessage() + "): countersign:compare"
          + " needs git on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException("interrupted while running git " + String.join(" ", args), e);
    }
  }
}
