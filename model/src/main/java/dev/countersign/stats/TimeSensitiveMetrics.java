package dev.countersign.stats;

import dev.countersign.events.VmExitMetric;
import dev.countersign.events.VmExitReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * The metrics whose values depend on time and scheduling rather than on the work the code does:
 * CPU time, context switches, migrations, GC time, cycles, idle and timer-driven VM exits. On a
 * shared or virtualised machine they move between runs of unchanged code by far more than within
 * one run (a noisy neighbour, a migration of the VM, another JIT decision), so a within-run
 * interval says nothing about the next build. {@code check} judges them against a baseline only
 * when the baseline measured that between-run noise ({@link RunNoise}); otherwise their verdict
 * is INCONCLUSIVE with advice, never a false alarm.
 */
public final class TimeSensitiveMetrics {

  private static final Set<String> NAMES = Set.of(
      "task-clock", "cpu-clock", "context-switches", "cs", "cpu-migrations", "migrations",
      "gc-time", "gc-count", "cycles", "cpu-cycles", "ref-cycles", "bus-cycles",
      "stalled-cycles-frontend", "stalled-cycles-backend", "power:cpu_idle");

  /** Tracepoint subsystems that count scheduler, timer and interrupt activity. */
  private static final Set<String> SUBSYSTEMS = Set.of("sched", "timer", "irq", "irq_vectors",
      "power", "ipi");

  /**
   * VM-exit reasons driven by timers, idling or spinning: how many there are depends on how long
   * the code ran and waited, not only on what it did (SDM Vol. 3C 25.1.3 and 26.2: HLT, external
   * interrupts, the preemption timer, PAUSE-loop exiting); the overhead, which sums them, too.
   */
  private static final Set<VmExitReason> TIMED_EXITS = EnumSet.of(VmExitReason.HLT,
      VmExitReason.EXTERNAL_INTERRUPT, VmExitReason.PREEMPTION_TIMER, VmExitReason.PAUSE,
      VmExitReason.ANY);

  private TimeSensitiveMetrics() {}

  /**
   * Page faults of JVM code: how many land in the measured window depends on the heap's and the
   * threads' memory state (heap growth after a GC, fresh thread stacks) as much as on the code.
   * Measured: against a one-run baseline, 13 of 20 builds of unchanged code of the noise suite
   * found page faults "from 0" or +30% to +250% beyond the threshold (docs/statistics.md).
   */
  private static final Set<String> MEMORY_STATE = Set.of("page-faults", "minor-faults",
      "major-faults", "exceptions:page_fault_user", "exceptions:page_fault_kernel");

  /**
   * Whether the named metric moves between runs of unchanged code with the machine's or the JVM's
   * state: time and scheduling ({@link #isTimeOrScheduling}) and page faults. Against a one-run
   * baseline, which cannot say how far runs lie apart, {@code check} calls a change of such a
   * metric INCONCLUSIVE with advice, never a REGRESSION.
   */
  public static boolean isRunDependent(String metric) {
    return isTimeOrScheduling(metric) || MEMORY_STATE.contains(metric);
  }

  /** Whether the named metric measures time or scheduling (see the class comment). */
  public static boolean isTimeOrScheduling(String metric) {
    if (NAMES.contains(metric)) {
      return true;
    }
    int colon = metric.indexOf(':');
    if (colon > 0 && SUBSYSTEMS.contains(metric.substring(0, colon))) {
      return true;
    }
    return VmExitMetric.parse(metric).map(m -> m.isOverhead() || TIMED_EXITS.contains(
        m.reason().get())).orElse(false);
  }
}
