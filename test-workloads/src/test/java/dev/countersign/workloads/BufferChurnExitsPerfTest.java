package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.ExitReason;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import dev.countersign.junit.VmExitBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Exits of direct-buffer churn per buffer fill: the regressed twin's fresh 33 MiB buffer per
 * operation costs its first touches (EPT_VIOLATION) and, on unmap, TLB-shootdown IPIs to the
 * partner thread's CPU (ICR writes: MSR_WRITE on intel-kvm-default, none with IPIv).
 */
@EnabledIf(value = "dev.countersign.workloads.GuestFeeds#auto",
    disabledReason = "no guest-activity feed: neither tracepoints nor the simulator's agent")
class BufferChurnExitsPerfTest {

  private static final int OPS = 2;

  private final DirectBufferChurn churn =
      new DirectBufferChurn(Regressions.regressed("buffer-churn"));

  @AfterEach
  void release() {
    churn.close();
  }

  @PerfTest(warmup = 2, iterations = 12, opsPerInvocation = OPS,
      events = {"vmexit.intel-kvm-default.ANY"})
  @VmExitBudget(reason = ExitReason.EPT_VIOLATION, perOp = 100, host = "intel-kvm-default")
  // Whether an unmap sends a shootdown IPI depends on where the partner thread runs at that
  // moment: 20 runs of unchanged code on the shared 2-vCPU VM moved MSR_WRITE from 0.5 to 4.25
  // per op (+325%); the regressed twin raised it by 1,425% and its EPT violations by 1,000x, which
  // the budget catches. (intel-kvm-ipiv's MSR_WRITE, 0 in the baseline, went to 1.25 in those
  // runs: not declared, as no relative threshold separates that from a regression.)
  @MaxRegression(event = "vmexit.intel-kvm-default.MSR_WRITE", percent = 1000)
  // first touches of the partner's and the JVM's pages add to the 8 per op: +9% seen in those runs
  @MaxRegression(event = "vmexit.intel-kvm-default.EPT_VIOLATION", percent = 50)
  void fillBuffers() throws InterruptedException {
    assertEquals(OPS, churn.run(OPS));
  }
}
