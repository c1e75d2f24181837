package dev.countersign.results;

/**
 * A {@code @MaxRegression} declared on a test.
 *
 * @param metric the metric name
 * @param percent largest tolerated increase over the baseline, percent
 */
public record RegressionLimit(String metric, double percent) {}
