package dev.countersign.runner;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.sim.agent.GuestActivity;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run of a test measured.
 *
 * @param opsPerInvocation the divisor applied to every series
 * @param metrics the measured series, per op
 * @param unavailable what was asked for and could not be measured
 * @param guestActivity per measured iteration, the guest activity reported by the probes (empty
 *     list when no probe observes it)
 */
public record Measurement(
    long opsPerInvocation,
    List<MetricSeries> metrics,
    List<UnavailableMetric> unavailable,
    List<GuestActivity> guestActivity) {

  public Measurement {
    metrics = List.copyOf(metrics);
    unavailable = List.copyOf(unavailable);
    guestActivity = List.copyOf(guestActivity);
  }

  public Optional<MetricSeries> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
