package dev.countersign.runner;

import dev.countersign.events.EventSpec;
import java.util.List;

/**
 * What to run and measure.
 *
 * @param events metrics to measure (not derived ones)
 * @param derived metrics to derive after measuring (VM exits)
 * @param warmup unmeasured invocations
 * @param iterations measured invocations
 * @param opsPerInvocation divisor of every value
 * @param request mode and threads
 */
public record RunPlan(
    List<EventSpec> events,
    List<EventSpec> derived,
    int warmup,
    int iterations,
    long opsPerInvocation,
    ProbeRequest request) {

  public RunPlan {
    events = List.copyOf(events);
    derived = List.copyOf(derived);
  }
}
