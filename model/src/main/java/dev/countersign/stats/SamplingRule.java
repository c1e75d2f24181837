package dev.countersign.stats;

import dev.countersign.results.MetricSeries;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * When a run has measured enough: the stopping rule of sequential sampling ({@code
 * countersign.maxTime}). A series is <em>precise</em> when the 95% bootstrap interval of its
 * median is narrow against the practical threshold: half-width ≤ {@value #TARGET_FRACTION} × the
 * threshold, relative to the median. Then the interval of a comparison with a baseline sampled the
 * same way (about √2 times wider) fills at most half of the ±threshold band around "no change".
 *
 * <p>Why this keeps the error rate honest: the rule looks only at the spread of the run's own
 * samples, never at the baseline or at the size of a change, so stopping cannot favour any
 * verdict (for location-scale noise, the spread of a sample carries no information about its
 * location). A rule that stopped as soon as a comparison looked significant would inflate false
 * alarms with every extra look; this one does not look.
 */
public final class SamplingRule {

  /** Largest half-width of the median's interval, as a fraction of the threshold. */
  public static final double TARGET_FRACTION = 0.35;

  private static final int RESAMPLES = 2_000;

  private SamplingRule() {}

  /**
   * Half-width of the 95% bootstrap interval of the median, in percent of the median: 0 for a
   * constant series, infinite when the median is 0 but the interval is not [0, 0].
   */
  public static double halfWidthPercent(MetricSeries series) {
    double[] v = series.values();
    if (v.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (Samples.constant(v)) {
      return 0;
    }
    MedianBootstrap.Interval ci = MedianBootstrap.medianInterval(v, new int[0],
        Seeds.of("sampling", series.name()), RESAMPLES, 0.95);
    double median = Samples.median(v);
    double half = (ci.high() - ci.low()) / 2;
    if (median == 0) {
      return half == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return half / Math.abs(median) * 100;
  }

  /** Whether the series is precise enough for its threshold (percent). */
  public static boolean precise(MetricSeries series, double thresholdPercent) {
    return halfWidthPercent(series) <= TARGET_FRACTION * thresholdPercent;
  }

  /** The series that are not yet precise enough, given each one's threshold (percent). */
  public static List<MetricSeries> imprecise(List<MetricSeries> series,
      ToDoubleFunction<String> thresholdOf) {
    return series.stream().filter(s -> !precise(s, thresholdOf.applyAsDouble(s.name()))).toList();
  }
}
