package dev.countersign.check;

import dev.countersign.stats.Correction;

/**
 * How {@code check} judges a build.
 *
 * @param thresholdPercent default practical threshold for metrics without {@code @MaxRegression},
 *     percent (property {@code countersign.threshold}, default {@value #DEFAULT_THRESHOLD})
 * @param failOnRegression false = advisory: same table, the build passes
 * @param requireBaseline true = a test without a baseline fails the build
 * @param correction multiple-testing correction across the build's comparisons (property {@code
 *     countersign.correction}: {@code holm}, the default, {@code bh} or {@code none})
 */
public record CheckSettings(
    double thresholdPercent, boolean failOnRegression, boolean requireBaseline,
    Correction correction) {

  /** Default practical threshold, percent. */
  public static final double DEFAULT_THRESHOLD = dev.countersign.settings.Settings.DEFAULT_THRESHOLD;

  public CheckSettings {
    if (Double.isNaN(thresholdPercent) || thresholdPercent < 0 || Double.isInfinite(thresholdPercent)) {
      throw new IllegalArgumentException("countersign.threshold is " + thresholdPercent
          + "; it must be a finite percentage ≥ 0 (default " + DEFAULT_THRESHOLD + ")");
    }
    if (correction == null) {
      correction = Correction.HOLM;
    }
  }

  /** Settings with the default correction (Holm). */
  public CheckSettings(double thresholdPercent, boolean failOnRegression, boolean requireBaseline) {
    this(thresholdPercent, failOnRegression, requireBaseline, Correction.HOLM);
  }

  public static CheckSettings defaults() {
    return new CheckSettings(DEFAULT_THRESHOLD, true, false, Correction.HOLM);
  }
}
