package dev.countersign.runner;

import dev.countersign.results.UnavailableMetric;
import java.util.List;
import java.util.Optional;

/**
 * A provider's answer: a probe for the events it can measure here, and the diagnosis of those it
 * handles but cannot measure. Events it does not handle at all appear in neither.
 */
public record ProbeOffer(Optional<Probe> probe, List<UnavailableMetric> unavailable) {

  public ProbeOffer {
    unavailable = List.copyOf(unavailable);
  }

  public static ProbeOffer none() {
    return new ProbeOffer(Optional.empty(), List.of());
  }
}
