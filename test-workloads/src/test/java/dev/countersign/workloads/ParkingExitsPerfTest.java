package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.ExitReason;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import dev.countersign.junit.VmExitBudget;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * HLT, ICR and TSC-deadline exits of a park/unpark hand-off, per hand-off. On {@code
 * intel-kvm-ipiv} wake-up IPIs do not exit, so MSR_WRITE there counts timer arms only — none for
 * an untimed park, at least one per hand-off for the regressed twin's timed polling.
 */
@EnabledIf(value = "dev.countersign.workloads.GuestFeeds#auto",
    disabledReason = "no guest-activity feed: neither tracepoints nor the simulator's agent")
class ParkingExitsPerfTest {

  private static final int HAND_OFFS = 500;

  private final ParkingPingPong pingPong =
      new ParkingPingPong(Regressions.regressed("parking"));

  @PerfTest(warmup = 3, iterations = 15, opsPerInvocation = 2 * HAND_OFFS,
      events = {"vmexit.intel-kvm-default.ANY"})
  @VmExitBudget(reason = ExitReason.MSR_WRITE, perOp = 0.25, host = "intel-kvm-ipiv")
  @VmExitBudget(reason = ExitReason.MSR_WRITE, perOp = 1.5, host = "intel-kvm-default")
  // The counts per hand-off are scheduling-dependent: whether a wake-up finds its thread parked
  // depends on what else runs. 20 runs of unchanged code on the shared 2-vCPU VM moved HLT by up
  // to +51% (too close to the twin's +59% to be gated, so HLT is not declared). MSR_WRITE on
  // intel-kvm-default counts every wake-up of a parked thread as an IPI (perf feed: the larger of
  // ipi_send_cpu and sched_waking), about 0.6 per op, moving with HLT; the regressed twin's timed
  // polling adds timer arms: 1.6 per op (+175%). On intel-kvm-ipiv only the timer arms exit:
  // 0.002 unchanged, about 0.9 for the twin. The thresholds sit between; the budgets are the
  // tighter guard.
  @MaxRegression(event = "vmexit.intel-kvm-default.MSR_WRITE", percent = 100)
  @MaxRegression(event = "vmexit.intel-kvm-ipiv.MSR_WRITE", percent = 1000)
  void handOffBothWays() throws InterruptedException {
    assertEquals(2 * HAND_OFFS, pingPong.run(HAND_OFFS));
  }
}
