package dev.countersign.vmexit;

import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.MetricDeriver;
import dev.countersign.runner.Mode;
import java.util.List;

/** Placeholder until the VM-exit model lands: derives nothing, says so. */
public final class VmExitDeriver implements MetricDeriver {
  @Override
  public boolean derives(EventSpec metric) {
    return metric.kind() == EventKind.VMEXIT;
  }

  @Override
  public List<EventSpec> inputs(List<EventSpec> derived, Mode mode) {
    return List.of();
  }

  @Override
  public Derivation derive(List<EventSpec> derived, Measurement measurement) {
    return new Derivation(
        List.of(),
        derived.stream()
            .map(d -> new UnavailableMetric(d.name(), Source.MODEL, "UNSUPPORTED",
                "the VM-exit model is not built yet", ""))
            .toList());
  }
}
