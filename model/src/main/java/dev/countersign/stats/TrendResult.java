package dev.countersign.stats;

/**
 * A trend across measured iterations, from {@link MannKendallTest}.
 *
 * @param s the Mann–Kendall statistic: concordant minus discordant pairs in iteration order (summed
 *     over groups)
 * @param pValue two-sided p-value of "no monotonic trend"; 1 when there are too few values
 * @param slopePerIteration Sen's slope: median of the pairwise slopes, value units per iteration
 * @param drift slope × (iterations per group − 1): the change from first to last iteration that
 *     the slope implies, in value units
 */
public record TrendResult(double s, double pValue, double slopePerIteration, double drift) {

  /** No trend could be tested. */
  static TrendResult none() {
    return new TrendResult(0, 1.0, 0, 0);
  }
}
