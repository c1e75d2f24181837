package dev.countersign.stats;

import dev.countersign.results.MetricSeries;
import java.util.List;

/**
 * Judges an absolute per-op budget on one run's samples, on the upper confidence bound of the
 * median so that a budget met only by luck is reported {@link Verdict#AT_RISK}:
 *
 * <ul>
 *   <li>{@link Verdict#OVER_BUDGET} when the median per op exceeds the limit;
 *   <li>{@link Verdict#AT_RISK} when the median is within it but the one-sided 95% upper bound of
 *       the median (seeded bootstrap, 10,000 resamples; forks resampled as groups) exceeds it;
 *   <li>{@link Verdict#WITHIN_BUDGET} otherwise.
 * </ul>
 *
 * A constant series (deterministic metric) has its median as its bound.
 */
public final class BudgetJudge {

  private BudgetJudge() {}

  /** Judges {@code series} against {@code limitPerOp}. Same series and limit, same verdict. */
  public static BudgetCheck judge(MetricSeries series, double limitPerOp) {
    double[] values = series.values();
    if (values.length == 0) {
      throw new IllegalArgumentException("budget on " + series.name()
          + " cannot be judged: the series has no samples");
    }
    double median = Samples.median(values);
    double upper = Samples.constant(values) ? median
        : MedianBootstrap.medianUpperBound(values, forks(series.fork(), values.length),
            Seeds.of("budget", series.name(), Double.toString(limitPerOp)),
            ComparisonSettings.DEFAULT_RESAMPLES, ComparisonSettings.DEFAULT_CONFIDENCE);
    Verdict v = median > limitPerOp ? Verdict.OVER_BUDGET
        : upper > limitPerOp ? Verdict.AT_RISK : Verdict.WITHIN_BUDGET;
    return new BudgetCheck(series.name(), limitPerOp, median, upper, v);
  }

  private static int[] forks(List<Integer> fork, int n) {
    if (fork.size() != n) {
      return new int[0];
    }
    return fork.stream().mapToInt(Integer::intValue).toArray();
  }
}
