package dev.countersign.workloads;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.util.List;

/**
 * Conditions for the VM-exit perf tests: whether this JVM can observe guest activity at all (the
 * simulator's agent, or tracepoints through perf_event_open). Without either, a VM-exit budget
 * cannot be judged, so those tests are skipped with this reason rather than failed.
 */
final class GuestFeeds {

  private GuestFeeds() {}

  /**
   * Whether the simulator gives guest activity (mode sim), which PAUSE exits need, and no
   * {@code -Dcountersign.mode} forces another mode on every test.
   */
  static boolean simulator() {
    String forced = System.getProperty("countersign.mode");
    if (forced != null && !forced.isBlank() && !forced.strip().equalsIgnoreCase("sim")) {
      return false;
    }
    return observes(Mode.SIM, "vmexit.amd-kvm-default.PAUSE");
  }

  /** Whether mode auto gives the exits the budgets of these tests need. */
  static boolean auto() {
    return observes(Mode.AUTO, "vmexit.intel-kvm-default.MSR_WRITE")
        && observes(Mode.AUTO, "vmexit.intel-kvm-default.EPT_VIOLATION");
  }

  private static boolean observes(Mode mode, String metric) {
    RunPlan plan = new RunPlan(List.of(), List.of(EventCatalog.parse(metric)), 0, 1, 1,
        new ProbeRequest(mode, List.of()));
    try {
      Measurement m = Runner.forMode(mode).run(plan, () -> { });
      return m.metric(metric).isPresent();
    } catch (Throwable t) {
      return false;
    }
  }
}
