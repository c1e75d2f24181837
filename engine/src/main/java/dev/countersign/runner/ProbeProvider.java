package dev.countersign.runner;

import dev.countersign.events.EventSpec;
import java.util.List;

/** Opens probes for one family of sources (perf_event_open, the JVM, the simulator). */
public interface ProbeProvider {

  /**
   * Opens a probe for those of {@code events} this provider can measure here. Must not throw for
   * an event it cannot measure: that goes into {@link ProbeOffer#unavailable()} with errno,
   * reason and remedy.
   */
  ProbeOffer open(List<EventSpec> events, ProbeRequest request);
}
