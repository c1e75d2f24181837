package dev.countersign.runner;

import dev.countersign.results.KernelCounting;
import dev.countersign.results.Source;

/**
 * A metric a {@link Probe} records.
 *
 * @param name the metric name as requested (tracepoints with their filter)
 * @param source its source
 * @param unit unit of one value
 * @param kernel for a {@code perf_event_open} counter, whether kernel mode is counted; null for
 *     other sources
 * @param costModel for a simulated metric whose cost model is not the bytecode as written, that
 *     model ({@link dev.countersign.results.MetricSeries#costModel()}); null otherwise
 */
public record ProbedMetric(String name, Source source, String unit, KernelCounting kernel,
    String costModel) {

  /** A metric without a cost model of its own. */
  public ProbedMetric(String name, Source source, String unit, KernelCounting kernel) {
    this(name, source, unit, kernel, null);
  }

  /** A metric of a source without kernel counting ({@code jvm}, {@code sim}). */
  public ProbedMetric(String name, Source source, String unit) {
    this(name, source, unit, null);
  }
}
