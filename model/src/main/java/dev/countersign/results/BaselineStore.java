package dev.countersign.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The committed baselines of a module: one JSON file per test in {@code src/test/countersign/}.
 * A file that exists but cannot be read is an error, never "no baseline".
 */
public final class BaselineStore {

  /** Default directory, relative to the module's base directory. */
  public static final String DEFAULT_DIR = "src/test/countersign";

  private final Path dir;

  public BaselineStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path fileOf(TestId test) {
    return dir.resolve(test.fileName());
  }

  /**
   * The baseline of a test, or empty when there is no file for it.
   *
   * @throws CountersignFileException when the file exists but is corrupt, of another schema, or
   *     for another test
   */
  public Optional<Baseline> read(TestId test) {
    Path file = fileOf(test);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Baseline b = JsonFiles.read(file, Baseline.class, Baseline.SCHEMA_VERSION, "baseline");
    if (b.runs().isEmpty()) {
      throw new CountersignFileException(
          file, "has no runs: delete it, then record it again with 'mvn verify', then"
              + " 'mvn countersign:baseline'");
    }
    if (!b.test().className().equals(test.className())
        || !b.test().methodName().equals(test.methodName())) {
      throw new CountersignFileException(
          file,
          "belongs to "
              + b.test().key()
              + ", not "
              + test.key()
              + "; was it renamed or copied by hand? Delete it and run 'mvn countersign:baseline'");
    }
    return Optional.of(b);
  }

  /** The baseline files in the directory, without reading them; none when it does not exist. */
  public List<Path> files() {
    return ResultStore.jsonFiles(dir);
  }

  /** Every baseline file in the directory (for reporting baselines whose test did not run). */
  public List<Baseline> readAll() {
    return readAllExcept(Set.of());
  }

  /**
   * Every baseline file in the directory but those named in {@code fileNames} ({@link
   * TestId#fileName()}: those read already, with their test), so that none is read twice.
   */
  public List<Baseline> readAllExcept(Set<String> fileNames) {
    List<Baseline> all = new ArrayList<>();
    for (Path file : files()) {
      if (!fileNames.contains(file.getFileName().toString())) {
        all.add(JsonFiles.read(file, Baseline.class, Baseline.SCHEMA_VERSION, "baseline"));
      }
    }
    return all;
  }

  /**
   * Promotes a result: it becomes the newest run of the test's baseline, keeping at most {@code
   * history} runs. Written atomically.
   *
   * @return the previous baseline, if any
   */
  public Optional<Baseline> promote(TestResult result, int history) {
    return promoteAll(List.of(result), history).get(0);
  }

  /**
   * Promotes results all or nothing (see {@link Promotion}): every existing baseline is read
   * first, so a corrupt one stops the promotion with nothing written; then the new files are
   * staged and committed together.
   *
   * @return per result, in order, the previous baseline, if any
   * @throws CountersignFileException naming the file, and saying what was written
   */
  public List<Optional<Baseline>> promoteAll(List<TestResult> results, int history) {
    if (history < 1) {
      throw new IllegalArgumentException("history must be ≥ 1, was " + history);
    }
    List<Optional<Baseline>> previous = new ArrayList<>();
    Map<Path, String> texts = new LinkedHashMap<>();
    for (TestResult result : results) {
      Optional<Baseline> before = read(result.test());
      previous.add(before);
      List<BaselineRun> runs = new ArrayList<>();
      runs.add(BaselineRun.of(result));
      before.ifPresent(p -> runs.addAll(p.runs()));
      while (runs.size() > history) {
        runs.remove(runs.size() - 1);
      }
      texts.put(fileOf(result.test()),
          JsonFiles.toJson(new Baseline(Baseline.SCHEMA_VERSION, result.test(), runs)));
    }
    Promotion.writeAll(dir, texts);
    return previous;
  }

  /**
   * Finishes a promotion a crash interrupted after its commit, and removes the temporary files of
   * one interrupted before it (see {@link Promotion#recover}).
   *
   * @return what was done, one line each
   */
  public List<String> recover() {
    return Promotion.recover(dir);
  }
}
