package dev.countersign.results;

import java.util.List;

/**
 * The committed reference of one test: what {@code src/test/countersign/<test>.json} holds. It
 * keeps the samples of its last promotions ({@code runs}, newest first), so that a comparison is
 * made against a pool rather than one run.
 *
 * @param schemaVersion file format version, {@value #SCHEMA_VERSION}
 * @param test which test
 * @param runs promoted results, newest first; at least one
 */
public record Baseline(int schemaVersion, TestId test, List<BaselineRun> runs) {

  public static final int SCHEMA_VERSION = 1;

  public Baseline {
    runs = List.copyOf(runs);
  }

  /** The newest promoted run. */
  public BaselineRun latest() {
    return runs.get(0);
  }
}
