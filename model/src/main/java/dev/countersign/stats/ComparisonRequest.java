package dev.countersign.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * One metric of one test to compare against its baseline.
 *
 * @param test the test key
 * @param metric the metric name
 * @param baseline baseline samples, per op (all promoted runs pooled)
 * @param current current samples, per op, in iteration order (the warm-up check reads the order)
 * @param thresholdPercent the practical threshold: changes within ±this are UNCHANGED
 * @param higherIsBetter true for throughput-like metrics (ops/s): an increase is an improvement
 * @param baselineGroups per baseline sample, the promoted run it came from (so that the spread
 *     between runs is resampled as such); empty = one run
 * @param currentGroups per current sample, the fork it came from; empty = one JVM
 * @param simulated whether the metric comes from the simulator: deterministic whatever its name
 *     (its {@code cycles} and {@code page-faults} are a model's), so never judged as a metric of
 *     time, scheduling or heap history ({@link TimeSensitiveMetrics})
 */
public record ComparisonRequest(
    String test,
    String metric,
    double[] baseline,
    double[] current,
    double thresholdPercent,
    boolean higherIsBetter,
    int[] baselineGroups,
    int[] currentGroups,
    boolean simulated) {

  /**
   * @throws IllegalArgumentException when a side is empty or holds a value that is not finite, or
   *     a group array does not match its samples
   */
  public ComparisonRequest {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(metric, "metric");
    baselineGroups = baselineGroups == null ? new int[0] : baselineGroups;
    currentGroups = currentGroups == null ? new int[0] : currentGroups;
    check(test, metric, "baseline", baseline, baselineGroups);
    check(test, metric, "current", current, currentGroups);
    if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
      throw new IllegalArgumentException(test + " " + metric + ": threshold is " + thresholdPercent
          + "%; it must be a finite percentage ≥ 0");
    }
  }

  /** A request of a measured (not simulated) metric. */
  public ComparisonRequest(String test, String metric, double[] baseline, double[] current,
      double thresholdPercent, boolean higherIsBetter, int[] baselineGroups, int[] currentGroups) {
    this(test, metric, baseline, current, thresholdPercent, higherIsBetter, baselineGroups,
        currentGroups, false);
  }

  /** A request of a measured metric whose sides are each one run in one JVM. */
  public ComparisonRequest(String test, String metric, double[] baseline, double[] current,
      double thresholdPercent, boolean higherIsBetter) {
    this(test, metric, baseline, current, thresholdPercent, higherIsBetter, new int[0], new int[0]);
  }

  /**
   * Whether both sides are constant (a deterministic metric): then the ratio is the change itself
   * and is compared exactly, with no interval or test.
   */
  public boolean constantOnBothSides() {
    return Samples.constant(baseline) && Samples.constant(current);
  }

  /**
   * Whether the metric, measured (not simulated), depends on time, scheduling or the heap's
   * history ({@link TimeSensitiveMetrics}): its between-run noise decides whether a change is
   * one, and without a measured noise it cannot be a verdict.
   */
  public boolean timeSensitive() {
    return !simulated && TimeSensitiveMetrics.isTimeOrScheduling(metric);
  }

  private static void check(String test, String metric, String side, double[] v, int[] groups) {
    if (v == null || v.length == 0) {
      throw new IllegalArgumentException(test + " " + metric + ": the " + side
          + " has no samples; record the test again (at least 4 iterations per side are needed"
          + " for a significant result)");
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(test + " " + metric + ": the " + side
            + " holds the value " + x + "; a result file with non-finite samples is damaged:"
            + " run the test again");
      }
    }
    if (groups.length != 0 && groups.length != v.length) {
      throw new IllegalArgumentException(test + " " + metric + ": " + groups.length
          + " group labels for " + v.length + " " + side + " samples");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComparisonRequest r
        && test.equals(r.test)
        && metric.equals(r.metric)
        && Arrays.equals(baseline, r.baseline)
        && Arrays.equals(current, r.current)
        && Double.compare(thresholdPercent, r.thresholdPercent) == 0
        && higherIsBetter == r.higherIsBetter
        && Arrays.equals(baselineGroups, r.baselineGroups)
        && Arrays.equals(currentGroups, r.currentGroups)
        && simulated == r.simulated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(test, metric, Arrays.hashCode(baseline), Arrays.hashCode(current),
        thresholdPercent, higherIsBetter, Arrays.hashCode(baselineGroups),
        Arrays.hashCode(currentGroups), simulated);
  }

  @Override
  public String toString() {
    return "ComparisonRequest[" + test + " " + metric + ", baseline " + baseline.length
        + " samples, current " + current.length + " samples, threshold " + thresholdPercent + "%"
        + (higherIsBetter ? ", higher is better" : "") + (simulated ? ", simulated" : "") + "]";
  }
}
