package dev.countersign.runner;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventSpec;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The derived metrics of a plan, each assigned to the first deriver that computes it: the inputs
 * they need measured, and deriving them from a finished measurement.
 */
public final class Derivations {

  private final Map<MetricDeriver, List<EventSpec>> assigned = new LinkedHashMap<>();
  private final List<UnavailableMetric> unsupported = new ArrayList<>();

  private Derivations() {}

  /** Assigns each of {@code derived} to the first of {@code derivers} that derives it. */
  public static Derivations of(List<EventSpec> derived, List<MetricDeriver> derivers) {
    Derivations d = new Derivations();
    for (EventSpec e : derived) {
      Optional<MetricDeriver> deriver = derivers.stream().filter(x -> x.derives(e)).findFirst();
      if (deriver.isPresent()) {
        d.assigned.computeIfAbsent(deriver.get(), k -> new ArrayList<>()).add(e);
      } else {
        d.unsupported.add(new UnavailableMetric(e.name(), Source.MODEL, ErrorCode.UNSUPPORTED,
            "no model derives this metric", "check the metric name"));
      }
    }
    return d;
  }

  /** The events to measure so that the derived metrics can be computed in {@code mode}. */
  public List<EventSpec> inputs(Mode mode) {
    List<EventSpec> inputs = new ArrayList<>();
    assigned.forEach((deriver, ds) -> inputs.addAll(deriver.inputs(ds, mode)));
    return inputs;
  }

  /** The derived metrics no deriver computes, with why. */
  public List<UnavailableMetric> unsupported() {
    return List.copyOf(unsupported);
  }

  /**
   * Adds the derived metrics (and those that could not be derived) to a measurement. A derived
   * value the simulator's instrumentation changes (VM exits from the perf feed) is recorded as
   * measured on the code its inputs were measured on.
   */
  public Measurement derive(Measurement raw) {
    if (assigned.isEmpty()) {
      return raw;
    }
    Set<MeasuredCode> inputCodes = raw.metrics().stream()
        .filter(MetricSeries::affectedByInstrumentation).map(MetricSeries::code)
        .filter(c -> c != null).collect(Collectors.toSet());
    MeasuredCode code = inputCodes.size() == 1 ? inputCodes.iterator().next() : null;
    List<MetricSeries> metrics = new ArrayList<>(raw.metrics());
    List<UnavailableMetric> missing = new ArrayList<>(raw.unavailable());
    assigned.forEach((deriver, derived) -> {
      MetricDeriver.Derivation d = deriver.derive(derived, raw);
      for (MetricSeries s : d.metrics()) {
        metrics.add(s.affectedByInstrumentation() && s.code() == null ? s.withCode(code) : s);
      }
      missing.addAll(d.unavailable());
    });
    return new Measurement(raw.opsPerInvocation(), metrics, missing, raw.guestActivity());
  }
}
