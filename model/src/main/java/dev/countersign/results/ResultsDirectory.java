package dev.countersign.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results directory ({@code target/countersign/results}): one folder per build, named by its
 * {@link BuildId}, holding that build's {@link ResultStore}, and a symbolic link {@value #LATEST}
 * to the folder of the build started last. {@code check} and {@code baseline} read one build's
 * folder only, so that a result left by an earlier build (a renamed test, a test not selected, a
 * test JVM that died) is never judged or promoted as this build's, and two builds of one project
 * running at once never read each other's results.
 *
 * <p>Starting a build removes the folders of old builds: it keeps the {@value #KEEP} most recently
 * written ones, and any written to in the last {@link #IDLE} (a build still running).
 */
public final class ResultsDirectory {

  /** Name of the link to the build started last. */
  public static final String LATEST = "latest";

  /** Builds kept when a new one starts. */
  public static final int KEEP = 5;

  /** A build folder written to this recently is never removed. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  private final Path root;

  public ResultsDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The results of one build (whether or not it has started). */
  public ResultStore build(BuildId id) {
    return new ResultStore(root.resolve(id.value()));
  }

  /**
   * Starts a build: creates its folder, points {@value #LATEST} at it, and removes the folders of
   * old builds. Idempotent: starting a started build only points {@value #LATEST} at it again.
   *
   * @throws CountersignFileException when the folder or the link cannot be written
   */
  public ResultStore start(BuildId id) {
    ResultStore store = build(id);
    try {
      Files.createDirectories(store.dir());
      pointLatestAt(id);
    } catch (IOException e) {
      throw new CountersignFileException(store.dir(), "cannot start the results folder of build "
          + id + ": " + e + "; check that " + root + " is writable", e);
    }
    removeOldBuilds(id, Instant.now());
    return store;
  }

  /**
   * The results of a build, starting it when its folder does not exist yet (a build id set by
   * hand, or minted by a test run without the plugin).
   */
  public ResultStore startIfAbsent(BuildId id) {
    ResultStore store = build(id);
    return Files.isDirectory(store.dir()) ? store : start(id);
  }

  /** The build started last, if any build was started here. */
  public Optional<BuildId> latest() {
    Path link = root.resolve(LATEST);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      BuildId id = new BuildId(Files.readSymbolicLink(link).getFileName().toString());
      return Files.isDirectory(root.resolve(id.value())) ? Optional.of(id) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new CountersignFileException(link, "is not a link to a build folder (" + e.getMessage()
          + "); delete it, then run the tests again ('mvn verify')", e);
    }
  }

  /**
   * The {@linkplain BuildId#standalone standalone} test runs that wrote result files at or after
   * {@code since}, oldest first: during a Maven session, test JVMs that did not get its build id
   * (an {@code argLine} that replaces the one {@code prepare-agent} set), or an IDE's run.
   */
  public List<ResultStore> standaloneRunsWrittenSince(Instant since) {
    List<ResultStore> others = new ArrayList<>();
    for (Path folder : buildFolders()) {
      ResultStore store = new ResultStore(folder);
      if (new BuildId(folder.getFileName().toString()).isStandalone()
          && store.files().stream().anyMatch(f -> !lastWritten(f).toInstant().isBefore(since))) {
        others.add(store);
      }
    }
    return others;
  }

  /**
   * Result files lying directly in the results directory, as Countersign wrote them before it
   * kept one folder per build: they belong to no known build and are never read.
   */
  public List<Path> unattributedFiles() {
    return ResultStore.jsonFiles(root);
  }

  /** The build folders, oldest activity first. */
  List<Path> buildFolders() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> folders = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isBuildName(p)) {
          folders.add(p);
        }
      }
    } catch (IOException e) {
      throw new CountersignFileException(root, "cannot list the results directory: " + e, e);
    }
    folders.sort(Comparator.comparing(ResultsDirectory::lastWritten));
    return folders;
  }

  private void pointLatestAt(BuildId id) throws IOException {
    Path link = root.resolve(LATEST);
    Path tmp = root.resolve("." + LATEST + "-" + id.value() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, Path.of(id.value()));
    JsonFiles.replace(tmp, link);
  }

  private void removeOldBuilds(BuildId current, Instant now) {
    List<Path> folders = new ArrayList<>(buildFolders());
    Collections.reverse(folders); // newest first
    for (int i = KEEP; i < folders.size(); i++) {
      Path folder = folders.get(i);
      if (folder.getFileName().toString().equals(current.value())
          || lastWritten(folder).toInstant().isAfter(now.minus(IDLE))) {
        continue;
      }
      deleteQuietly(folder);
    }
  }

  private static boolean isBuildName(Path p) {
    try {
      new BuildId(p.getFileName().toString());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static FileTime lastWritten(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  // old results are a convenience, not data: a folder that cannot be removed is left for the next
  // build to try again
  private static void deleteQuietly(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // left in place
    }
  }
}
