package dev.countersign.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The results of one build: one JSON file per test in the build's folder, {@code
 * target/countersign/results/<build id>/} by default (see {@link ResultsDirectory}), and in its
 * {@value #RUNS} folder the {@link RunMark} of each test run that wrote them.
 */
public final class ResultStore {

  /** Default results directory (of all builds), relative to the module's base directory. */
  public static final String DEFAULT_DIR = "target/countersign/results";

  /** The folder of the run marks, inside the build's folder. */
  public static final String RUNS = "runs";

  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;

  public ResultStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path fileOf(TestId test) {
    return dir.resolve(test.fileName());
  }

  /** Writes one test's result, replacing the previous one of that test. */
  public Path write(TestResult result) {
    Path file = fileOf(result.test());
    JsonFiles.write(file, result);
    return file;
  }

  /**
   * Marks the start of a test run that is about to write results here (a {@link RunMark} without
   * {@code finished}); its id is the start time to the microsecond and the process id (a
   * microsecond later when a run of this process already took that id: two runs of one JVM in one
   * microsecond must not share a mark).
   */
  public RunMark startRun(Instant now, long pid) {
    String id = RUN_STAMP.format(now) + "-" + pid;
    while (Files.exists(markOf(id))) {
      now = now.plusNanos(1_000);
      id = RUN_STAMP.format(now) + "-" + pid;
    }
    RunMark mark = new RunMark(RunMark.SCHEMA_VERSION, id, pid, now.toString(), null, List.of());
    JsonFiles.write(markOf(id), mark);
    return mark;
  }

  /** Marks a run finished at {@code now}, having written the result files {@code files}. */
  public RunMark finishRun(RunMark started, Instant now, List<String> files) {
    RunMark done = started.finishedAt(now.toString(), files);
    JsonFiles.write(markOf(started.run()), done);
    return done;
  }

  /**
   * The marks of the runs that wrote here, by id.
   *
   * @throws CountersignFileException for the first mark that cannot be read
   */
  public List<RunMark> runs() {
    List<RunMark> marks = new ArrayList<>();
    for (Path file : jsonFiles(dir.resolve(RUNS))) {
      marks.add(JsonFiles.read(file, RunMark.class, RunMark.SCHEMA_VERSION, "test run mark"));
    }
    return marks;
  }

  private Path markOf(String run) {
    return dir.resolve(RUNS).resolve(run + ".json");
  }

  public boolean exists() {
    return Files.isDirectory(dir);
  }

  /** The result files, without reading them; none when the directory does not exist. */
  public List<Path> files() {
    return jsonFiles(dir);
  }

  /**
   * Reads every result, sorted by test key.
   *
   * @throws CountersignFileException for the first file that cannot be read
   */
  public List<TestResult> readAll() {
    List<TestResult> results = new ArrayList<>();
    for (Path file : jsonFiles(dir)) {
      results.add(JsonFiles.read(file, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    }
    results.sort(java.util.Comparator.comparing(r -> r.test().key()));
    return results;
  }

  static List<Path> jsonFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CountersignFileException(dir, "cannot list directory: " + e, e);
    }
  }
}
