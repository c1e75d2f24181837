package dev.countersign.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The base revision checked out into a temporary git worktree; {@link #close()} removes it,
 * whatever happened in between.
 */
public final class BaseWorktree implements AutoCloseable {

  private final Git git;
  private final Path dir;

  private BaseWorktree(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  /**
   * Checks {@code base} out into a new directory under {@code parent}.
   *
   * @param parent where the temporary worktree is made (e.g. {@code target/countersign/compare})
   */
  public static BaseWorktree checkOut(Git git, BaseRevision base, Path parent) {
    Path dir;
    try {
      Files.createDirectories(parent);
      dir = Files.createTempDirectory(parent, "base-");
    } catch (IOException e) {
      throw new CompareException("cannot create a directory for the base worktree under " + parent
          + ": " + e.getMessage(), e);
    }
    BaseWorktree tree = new BaseWorktree(git, dir);
    try {
      git.addWorktree(dir, base.commit());
    } catch (RuntimeException e) {
      tree.close();
      throw e;
    }
    return tree;
  }

  /** The root of the checked-out base revision. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    git.removeWorktree(dir);
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the base worktree " + dir, e);
      }
    }
  }
}
