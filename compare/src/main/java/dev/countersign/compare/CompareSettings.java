package dev.countersign.compare;

import dev.countersign.settings.Settings;
import dev.countersign.stats.Correction;

/**
 * How {@code countersign:compare} runs and judges.
 *
 * @param against the git ref of A (property {@code countersign.against}); null = the merge base
 *     with the target branch the CI names
 * @param rounds rounds of A and B (property {@code countersign.rounds}, default {@value
 *     #DEFAULT_ROUNDS}, at least 2); one suffices when every compared metric is deterministic
 * @param thresholdPercent practical threshold for metrics without {@code @MaxRegression}, percent
 *     (property {@code countersign.threshold}, default 5)
 * @param correction multiple-testing correction across the comparison's metrics (property {@code
 *     countersign.correction}, default {@code holm})
 * @param failOnRegression false = advisory (property {@code countersign.failOnRegression})
 */
public record CompareSettings(String against, int rounds, double thresholdPercent,
    Correction correction, boolean failOnRegression) {

  /** Default number of rounds: enough for a paired t-test to reach p &lt; 0.05 after Holm. */
  public static final int DEFAULT_ROUNDS = Settings.DEFAULT_ROUNDS;

  public CompareSettings {
    if (rounds < 2) {
      throw new IllegalArgumentException("countersign.rounds is " + rounds + "; at least 2 rounds"
          + " are needed to measure the noise between them (default " + DEFAULT_ROUNDS + ")");
    }
    if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
      throw new IllegalArgumentException("countersign.threshold is " + thresholdPercent
          + "; it must be a finite percentage ≥ 0 (default 5)");
    }
    if (correction == null) {
      correction = Correction.HOLM;
    }
  }
}
