package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.ExitReason;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import dev.countersign.junit.VmExitBudget;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * EPT violations of first touches, per nominal page: one per page on 4 KiB host pages, one per
 * 512 on {@code intel-kvm-hugepages} (this module's own profile, src/test/countersign/hosts).
 */
@EnabledIf(value = "dev.countersign.workloads.GuestFeeds#auto",
    disabledReason = "no guest-activity feed: neither tracepoints nor the simulator's agent")
class FreshPagesExitsPerfTest {

  private final boolean regressed = Regressions.regressed("fresh-pages");
  private final FreshPages pages = new FreshPages(regressed);

  @PerfTest(warmup = 3, iterations = 15, opsPerInvocation = FreshPages.PAGES,
      events = "vmexit.intel-kvm-hugepages.ANY")
  @VmExitBudget(reason = ExitReason.EPT_VIOLATION, perOp = 1.5, host = "intel-kvm-default")
  @VmExitBudget(reason = ExitReason.EPT_VIOLATION, perOp = 0.003, host = "intel-kvm-hugepages")
  @MaxRegression(event = "vmexit.intel-kvm-default.EPT_VIOLATION", percent = 10)
  void touchAFreshRegion() {
    assertEquals(regressed ? 2 * FreshPages.PAGES : FreshPages.PAGES, pages.touch());
  }
}
