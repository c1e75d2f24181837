package dev.countersign.changepoint;

import dev.countersign.stats.RelativeChange;

/**
 * A change in the mean of a series: {@code index} is the first build of the new level.
 *
 * @param index position in the analysed series of the first value after the change (at least 1)
 * @param meanBefore mean of the segment before, back to the previous change point
 * @param meanAfter mean of the segment after, up to the next change point
 * @param pValue two-sided Student t p-value of the two segments
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, double pValue) {

  /** Relative change of the mean, in percent: {@code +5} = the mean rose by 5%. */
  public double changePercent() {
    return RelativeChange.percent(meanBefore, meanAfter);
  }

  /**
   * The larger of the relative changes forward and backward, as a fraction: symmetric, so a rise
   * from 100 to 105 and a fall from 105 to 100 have the same magnitude.
   */
  public double magnitude() {
    if (meanBefore == 0 || meanAfter == 0) {
      return meanBefore == meanAfter ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.max(Math.abs(meanAfter / meanBefore - 1), Math.abs(meanBefore / meanAfter - 1));
  }
}
