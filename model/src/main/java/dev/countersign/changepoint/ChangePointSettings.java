package dev.countersign.changepoint;

/**
 * How change points are detected.
 *
 * <p>The defaults ({@link #DEFAULTS}) are validated by seeded simulation
 * ({@code EDivisiveValidationTest}, figures in {@code docs/history.md}): on flat series with a
 * coefficient of variation of 3%, at most 1 false change point per 1,000 builds; a 5% step at CV
 * 2% found within 5 builds of the step in at least 90% of trials.
 *
 * @param window builds per sliding window of the first pass; windows overlap by half. Default
 *     {@value #DEFAULT_WINDOW}; at least 6 (three builds each side)
 * @param maxPValue the two-sided Student t p-value below which a split is a change point. Default
 *     {@value #DEFAULT_MAX_P_VALUE}; in (0, 0.5). The first pass keeps weak candidates at ten
 *     times this value (at most 0.5), the second pass keeps only those below it
 * @param minMagnitude the smallest relative change of the mean, as a fraction ({@code 0.01} =
 *     1%), that makes a change point; smaller significant changes are dropped. Default {@value
 *     #DEFAULT_MIN_MAGNITUDE}; in [0, 1)
 */
public record ChangePointSettings(int window, double maxPValue, double minMagnitude) {

  public static final int DEFAULT_WINDOW = 50;
  public static final double DEFAULT_MAX_P_VALUE = 0.001;
  public static final double DEFAULT_MIN_MAGNITUDE = 0.01;

  /** The validated defaults. */
  public static final ChangePointSettings DEFAULTS =
      new ChangePointSettings(DEFAULT_WINDOW, DEFAULT_MAX_P_VALUE, DEFAULT_MIN_MAGNITUDE);

  public ChangePointSettings {
    if (window < 6) {
      throw new IllegalArgumentException("change-point window is " + window
          + " builds; it must be at least 6 (three builds on each side of a change). Default "
          + DEFAULT_WINDOW);
    }
    if (!(maxPValue > 0 && maxPValue < 0.5)) {
      throw new IllegalArgumentException("change-point p-value threshold is " + maxPValue
          + "; it must be above 0 and below 0.5. Default " + DEFAULT_MAX_P_VALUE);
    }
    if (!(minMagnitude >= 0 && minMagnitude < 1)) {
      throw new IllegalArgumentException("change-point minimum magnitude is " + minMagnitude
          + "; it is a fraction of the mean (0.01 = 1%) in [0, 1). Default "
          + DEFAULT_MIN_MAGNITUDE);
    }
  }

  /** The relaxed threshold of the first (weak) pass. */
  double weakPValue() {
    return Math.min(0.5, maxPValue * 10);
  }
}
