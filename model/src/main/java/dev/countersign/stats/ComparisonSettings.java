package dev.countersign.stats;

/**
 * Parameters of the {@link StatisticalComparator}.
 *
 * @param alpha significance level of the corrected rank test (default 0.05); with {@link
 *     Correction#BENJAMINI_HOCHBERG} it is the false-discovery rate
 * @param confidence two-sided level of the bootstrap interval of the ratio (default 0.95); budgets
 *     use it as a one-sided upper bound
 * @param resamples bootstrap resamples (default 10,000; at least 1,000)
 * @param correction multiple-testing correction across one build (default {@link Correction#HOLM})
 * @param trendCheck whether a trend across the measured iterations makes the verdict INCONCLUSIVE
 *     (default true)
 */
public record ComparisonSettings(
    double alpha, double confidence, int resamples, Correction correction, boolean trendCheck) {

  public static final double DEFAULT_ALPHA = 0.05;
  public static final double DEFAULT_CONFIDENCE = 0.95;
  public static final int DEFAULT_RESAMPLES = 10_000;

  public ComparisonSettings {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha is " + alpha + "; it must lie in (0, 1), e.g. 0.05");
    }
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("confidence is " + confidence
          + "; it must lie in (0.5, 1), e.g. 0.95");
    }
    if (resamples < 1_000) {
      throw new IllegalArgumentException("resamples is " + resamples
          + "; at least 1,000 are needed for a stable 95% interval (default 10,000)");
    }
    if (correction == null) {
      correction = Correction.HOLM;
    }
  }

  /** The defaults: α 0.05, 95% interval, 10,000 resamples, Holm, trend check on. */
  public static ComparisonSettings defaults() {
    return new ComparisonSettings(DEFAULT_ALPHA, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES,
        Correction.HOLM, true);
  }

  /** The defaults with another correction. */
  public ComparisonSettings withCorrection(Correction c) {
    return new ComparisonSettings(alpha, confidence, resamples, c, trendCheck);
  }
}
