package dev.countersign.perf;

import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbedMetric;
import java.util.Arrays;
import java.util.List;

/**
 * Counts perf events around each invocation: the groups of the test thread (opened with {@code
 * inherit}, so threads it starts are counted too) and of any existing threads asked for. The
 * groups are enabled once, at the first {@link #begin}, and stay enabled until {@link #close};
 * {@link #begin} and {@link #end} each read every group once, and an invocation's count is the
 * difference. Neither allocates.
 *
 * <p>Why not enable and disable per invocation: on Linux 6.18 {@code PERF_EVENT_IOC_ENABLE} and
 * {@code DISABLE} reschedule the whole task context ({@code ctx_resched} in
 * kernel/events/core.c), measured at about 0.6 µs per event per pair on the development VM, while
 * a group read costs about 1 µs whatever the group size (PerfSyscallBreakdownBenchmark). Counts
 * between invocations (the runner's own work) still fall outside the two reads.
 * A metric's value is the sum over threads of its multiplex-scaled count; its fraction counted is
 * the smallest running/enabled ratio among them; {@code NaN} when it was enabled but never
 * scheduled.
 */
public final class PerfEventProbe implements Probe {

  private final List<ProbedMetric> metrics;
  private final PerfEventGroup[] groups;
  /** Probe metric index of each slot, -1 for slots dropped after opening. */
  private final int[] outputOf;
  private final double[] slotValues;
  private final double[] slotFractions;
  private boolean enabled;
  private boolean closed;

  PerfEventProbe(List<ProbedMetric> metrics, List<PerfEventGroup> groups, int[] outputOf) {
    this.metrics = List.copyOf(metrics);
    this.groups = groups.toArray(new PerfEventGroup[0]);
    this.outputOf = outputOf.clone();
    this.slotValues = new double[outputOf.length];
    this.slotFractions = new double[outputOf.length];
  }

  @Override
  public List<ProbedMetric> metrics() {
    return metrics;
  }

  /** Number of perf file descriptors held. */
  int fileDescriptors() {
    int n = 0;
    for (PerfEventGroup g : groups) {
      n += g.size();
    }
    return n;
  }

  /** True: task-clock, cycles, instructions, ... count whatever the thread runs. */
  @Override
  public boolean countsHarnessWork() {
    return true;
  }

  @Override
  public void begin() {
    if (!enabled) {
      enabled = true;
      for (PerfEventGroup g : groups) {
        g.enable();
      }
    }
    for (PerfEventGroup g : groups) {
      g.mark();
    }
  }

  @Override
  public void end(double[] values, double[] fractionCounted) {
    Arrays.fill(slotValues, 0.0);
    Arrays.fill(slotFractions, 1.0);
    for (PerfEventGroup g : groups) {
      g.sample(slotValues, slotFractions);
    }
    for (int s = 0; s < outputOf.length; s++) {
      int m = outputOf[s];
      if (m >= 0) {
        values[m] = slotValues[s];
        fractionCounted[m] = slotFractions[s];
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PerfEventGroup g : groups) {
      g.disable();
      g.close();
    }
  }
}
