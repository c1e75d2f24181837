package dev.countersign.sim;

import dev.countersign.events.EventSpec;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeRequest;
import java.util.List;

/** Placeholder until the simulator lands: measures nothing. */
public final class SimProbeProvider implements ProbeProvider {
  @Override
  public ProbeOffer open(List<EventSpec> events, ProbeRequest request) {
    return ProbeOffer.none();
  }
}
