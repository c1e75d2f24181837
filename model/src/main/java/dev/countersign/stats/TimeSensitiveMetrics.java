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
 *
 * <p>Page faults of a JVM belong here too: most are the first touch of heap pages, and whether an
 * invocation allocates into pages the collector has used before depends on when it last collected,
 * which G1 decides from measured pause times. Measured on equalsverifier (JDK 25): 167 faults per
 * invocation in every iteration of one build, 0 in the next, unchanged code.
 *
 * <p>This is about measured values. A simulated metric of the same name ({@code cycles}, {@code
 * page-faults}) is a deterministic model and is never judged as one of these.
 */
public final class TimeSensitiveMetrics {

  private static final Set<String> NAMES = Set.of(
      "task-clock", "cpu-clock", "context-switches", "cs", "cpu-migrations", "migrations",
      "gc-time", "gc-count", "cycles", "cpu-cycles", "ref-cycles", "bus-cycles",
      "stalled-cycles-frontend", "stalled-cycles-backend", "power:cpu_idle");

  /** Faults, mostly first touches of heap pages: when the collector last ran decides them. */
  private static final Set<String> HEAP_HISTORY = Set.of("page-faults", "faults", "minor-faults",
      "major-faults");

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

  /** What the metric depends on, for a verdict's note: "time and scheduling" or the heap's. */
  public static String dependsOn(String metric) {
    return HEAP_HISTORY.contains(metric)
        ? "the heap's history (which pages the collector touched before, decided by its pause"
            + " times)"
        : "time and scheduling";
  }

  /**
   * Whether the named metric, measured, depends on time, scheduling or the heap's history (see
   * the class comment).
   */
  public static boolean isTimeOrScheduling(String metric) {
    if (NAMES.contains(metric) || HEAP_HISTORY.contains(metric)) {
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
