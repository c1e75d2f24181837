package dev.countersign.stats;

/** The outcome of one comparison or budget, as shown in the {@code check} table. */
public enum Verdict {
  /** The change lies within the practical threshold. */
  UNCHANGED("UNCHANGED", false),
  /** Significantly better, beyond the threshold. */
  IMPROVEMENT("IMPROVEMENT", false),
  /** Significantly worse, beyond the threshold: fails the build. */
  REGRESSION("REGRESSION", true),
  /** Neither clearly unchanged nor clearly changed: more samples are needed. */
  INCONCLUSIVE("INCONCLUSIVE", false),
  /** The test has no committed baseline (fails only with {@code countersign.requireBaseline}). */
  NO_BASELINE("NO BASELINE", false),
  /** A baseline exists but this build produced no result for the test (skipped or failed). */
  NOT_RUN("NOT RUN", false),
  /** Baseline and result are of different sources or modes: they cannot be compared. */
  INCOMPARABLE("INCOMPARABLE", true),
  /** The metric could not be measured here; the row says why. */
  UNAVAILABLE("UNAVAILABLE", false),
  /** An absolute budget that is met with confidence. */
  WITHIN_BUDGET("WITHIN BUDGET", false),
  /** An absolute budget met by the median but not by the upper confidence bound. */
  AT_RISK("AT RISK", false),
  /** An absolute budget that is broken: fails the test and the build. */
  OVER_BUDGET("OVER BUDGET", true),
  /**
   * Recorded for information: the test declares no limit on this metric (a model's input, or a
   * VM-exit estimate it did not name). Shown with its change, never judged.
   */
  INFORMATIONAL("INFO", false);

  private final String label;
  private final boolean failsBuild;

  Verdict(String label, boolean failsBuild) {
    this.label = label;
    this.failsBuild = failsBuild;
  }

  /** The text shown in tables. */
  public String label() {
    return label;
  }

  /** Whether this verdict fails the build (unless {@code countersign.failOnRegression=false}). */
  public boolean failsBuild() {
    return failsBuild;
  }
}
