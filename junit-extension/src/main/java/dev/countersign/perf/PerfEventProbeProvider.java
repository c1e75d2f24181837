package dev.countersign.perf;

import dev.countersign.events.EventSpec;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeRequest;
import java.util.List;

/** Placeholder until the perf_event_open engine lands: measures nothing. */
public final class PerfEventProbeProvider implements ProbeProvider {
  @Override
  public ProbeOffer open(List<EventSpec> events, ProbeRequest request) {
    return ProbeOffer.none();
  }
}
