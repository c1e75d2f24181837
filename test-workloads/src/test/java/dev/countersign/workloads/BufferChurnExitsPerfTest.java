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
      events = {"vmexit.intel-kvm-default.ANY", "vmexit.intel-kvm-ipiv.MSR_WRITE"})
  @VmExitBudget(reason = ExitReason.EPT_VIOLATION, perOp = 100, host = "intel-kvm-default")
  @MaxRegression(event = "vmexit.intel-kvm-default.MSR_WRITE", percent = 50)
  void fillBuffers() throws InterruptedException {
    assertEquals(OPS, churn.run(OPS));
  }
}
