package dev.countersign.history;

import dev.countersign.stats.Verdict;

/**
 * One build's value in a trend.
 *
 * @param build the build
 * @param median the median of its samples, per op
 * @param samples how many samples the median is of
 * @param verdict the check verdict the metric had in that build
 */
public record TrendPoint(BuildInfo build, double median, int samples, Verdict verdict) {}
