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
 * @param settles whether {@link Runner#SETTLE_INVOCATIONS} unmeasured invocations inside every
 *     probe precede the measured ones (where no probe warms up with the workload); by default
 *     when the plan warms up by time
 */
public record RunPlan(
    List<EventSpec> events,
    List<EventSpec> derived,
    int warmup,
    int iterations,
    long opsPerInvocation,
    ProbeRequest request,
    double warmupSeconds,
    boolean settles) {

  public RunPlan {
    events = List.copyOf(events);
    derived = List.copyOf(derived);
    if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
      throw new IllegalArgumentException("warm-up time is " + warmupSeconds
          + " s; it must be a finite number of seconds ≥ 0");
    }
  }

  /** A plan that settles when it warms up by time. */
  public RunPlan(List<EventSpec> events, List<EventSpec> derived, int warmup, int iterations,
      long opsPerInvocation, ProbeRequest request, double warmupSeconds) {
    this(events, derived, warmup, iterations, opsPerInvocation, request, warmupSeconds,
        warmupSeconds > 0);
  }

  /** A plan with the {@code warmup} invocations as its only warm-up. */
  public RunPlan(List<EventSpec> events, List<EventSpec> derived, int warmup, int iterations,
      long opsPerInvocation, ProbeRequest request) {
    this(events, derived, warmup, iterations, opsPerInvocation, request, 0);
  }
}
