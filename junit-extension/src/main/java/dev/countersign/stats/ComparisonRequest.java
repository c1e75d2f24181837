package dev.countersign.stats;

/**
 * One metric of one test to compare against its baseline.
 *
 * @param test the test key
 * @param metric the metric name
 * @param baseline baseline samples, per op
 * @param current current samples, per op
 * @param thresholdPercent the practical threshold: changes within ±this are UNCHANGED
 * @param higherIsBetter true for throughput-like metrics (ops/s): an increase is an improvement
 */
public record ComparisonRequest(
    String test,
    String metric,
    double[] baseline,
    double[] current,
    double thresholdPercent,
    boolean higherIsBetter) {}
