package dev.countersign.runner;

import dev.countersign.results.Source;

/**
 * A metric a {@link Probe} records.
 *
 * @param name the metric name as requested (tracepoints with their filter)
 * @param source its source
 * @param unit unit of one value
 */
public record ProbedMetric(String name, Source source, String unit) {}
