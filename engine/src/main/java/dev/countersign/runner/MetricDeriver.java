package dev.countersign.runner;

import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import java.util.List;

/**
 * Computes metrics that are not measured directly but derived from measured ones — the VM-exit
 * model turning guest events into exits per host profile.
 */
public interface MetricDeriver {

  /** Whether this deriver computes the given metric. */
  boolean derives(EventSpec metric);

  /**
   * The events that must be measured so that {@code derived} can be computed in this mode (for
   * example {@code msr:write_msr[msr == 0x830]} and {@code power:cpu_idle} in perf mode).
   */
  List<EventSpec> inputs(List<EventSpec> derived, Mode mode);

  /** Derives the metrics from a finished measurement. */
  Derivation derive(List<EventSpec> derived, Measurement measurement);

  /** The derived series and the metrics that could not be derived, with why. */
  record Derivation(List<MetricSeries> metrics, List<UnavailableMetric> unavailable) {}
}
