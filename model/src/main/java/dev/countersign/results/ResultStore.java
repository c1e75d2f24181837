package dev.countersign.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The results of one build: one JSON file per test in the build's folder, {@code
 * target/countersign/results/<build id>/} by default (see {@link ResultsDirectory}).
 */
public final class ResultStore {

  /** Default results directory (of all builds), relative to the module's base directory. */
  public static final String DEFAULT_DIR = "target/countersign/results";

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
