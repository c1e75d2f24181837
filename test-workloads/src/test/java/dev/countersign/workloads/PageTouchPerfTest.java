package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;

class PageTouchPerfTest {

  private static final int PAGES = PageToucher.MIN_PAGES;

  private final PageToucher toucher = new PageToucher(Regressions.regressed("page-touch"));

  @PerfTest(warmup = 3, iterations = 20, opsPerInvocation = PAGES)
  @MaxRegression(event = "page-faults", percent = 10.0)
  void touchFreshPages() {
    assertTrue(toucher.touch(PAGES) >= 0);
  }
}
