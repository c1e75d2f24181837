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
 * @param warmupSeconds steady-state warm-up after the {@code warmup} invocations, seconds, 0 =
 *     none ({@link SteadyWarmup}; setting {@code countersign.warmupTime})
 */
public record RunPlan(
    List<EventSpec> events,
    List<EventSpec> derived,
    int warmup,
    int iterations,
    long opsPerInvocation,
    ProbeRequest request,
    double warmupSeconds) {

  public RunPlan {
    events = List.copyOf(events);
    derived = List.copyOf(derived);
    if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
      throw new IllegalArgumentException("warm-up time is " + warmupSeconds
          + " s; it must be a finite number of seconds ≥ 0");
    }
  }

  /** A plan with the {@code warmup} invocations as its only warm-up. */
  public RunPlan(List<EventSpec> events, List<EventSpec> derived, int warmup, int iterations,
      long opsPerInvocation, ProbeRequest request) {
    this(events, derived, warmup, iterations, opsPerInvocation, request, 0);
  }
}
