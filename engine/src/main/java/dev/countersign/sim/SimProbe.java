package dev.countersign.sim;

import dev.countersign.events.EventSpec;
import dev.countersign.results.Source;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.sim.agent.Counter;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.sim.agent.Machine;
import java.util.List;
import java.util.Optional;

/**
 * Counts one measured invocation on the simulator: {@link #begin()} switches the calling (test)
 * thread's machine on from a fresh state, {@link #end} switches it off and reads the totals of the
 * test thread and of the threads it started during the invocation. Values are exact counts of the
 * model; {@code fractionCounted} does not apply ({@code NaN}).
 *
 * <p>The cache/TLB model runs only when a cache, TLB or {@code cycles} event is asked for, the
 * branch predictor only for {@code branch-misses} or {@code cycles}: counting instructions,
 * branches and allocation alone is several times cheaper. The TSC timestamps of the guest activity
 * come from the cycle model, so they are realistic only when {@code cycles} is among the events.
 */
public final class SimProbe implements Probe {

  private final List<ProbedMetric> metrics;
  private final Counter[] counters;
  private final Machine machine;
  private boolean ended;

  /** A probe of the given events, all of which must be in {@link SimProbeProvider#EVENTS}. */
  public SimProbe(List<EventSpec> events, CpuProfile profile) {
    this.metrics = events.stream()
        .map(e -> new ProbedMetric(e.name(), Source.SIM, e.unit(), null,
            SimProbeProvider.EVENTS.containsKey(e.name())
                ? SimProbeProvider.EVENTS.get(e.name()).costModel() : null))
        .toList();
    this.counters = events.stream()
        .map(e -> {
          Counter c = SimProbeProvider.EVENTS.get(e.name());
          if (c == null) {
            throw new IllegalArgumentException("the simulator does not model " + e.name());
          }
          return c;
        })
        .toArray(Counter[]::new);
    boolean memory = false;
    boolean predictor = false;
    for (Counter c : counters) {
      memory |= switch (c) {
        case L1D_LOADS, L1D_LOAD_MISSES, LLC_LOADS, LLC_LOAD_MISSES, DTLB_LOADS, DTLB_LOAD_MISSES,
            CYCLES -> true;
        default -> false;
      };
      predictor |= c == Counter.BRANCH_MISSES || c == Counter.CYCLES;
    }
    this.machine = Machine.create(profile, memory, predictor);
  }

  @Override
  public List<ProbedMetric> metrics() {
    return metrics;
  }

  @Override
  public void begin() {
    ended = false;
    machine.begin();
  }

  @Override
  public void end(double[] values, double[] fractionCounted) {
    machine.end();
    ended = true;
    for (int i = 0; i < counters.length; i++) {
      values[i] = machine.total(counters[i]);
      fractionCounted[i] = Double.NaN;
    }
  }

  /**
   * True: the model's own code runs inside the workload, so it warms up with it (JIT-compiled
   * counting paths, grown address map); the first measured iteration then counts exactly as the
   * last, and JVM metrics measured beside it (alloc-bytes, task-clock) carry none of its setup.
   */
  @Override
  public boolean warmsUpWithWorkload() {
    return true;
  }

  /** True: the JDK is instrumented, so the other probes' reads on this thread would count. */
  @Override
  public boolean innermost() {
    return true;
  }

  @Override
  public Optional<GuestActivity> guestActivity() {
    return ended ? Optional.of(machine.guestActivity()) : Optional.empty();
  }

  /** The machine counted, for inspection of the last iteration. */
  public Machine machine() {
    return machine;
  }

  @Override
  public void close() {
    if (!ended) {
      try {
        machine.end();
      } catch (RuntimeException ignored) {
        // closing must not throw
      }
    }
  }
}
