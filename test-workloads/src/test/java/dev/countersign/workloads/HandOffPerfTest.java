package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;

class HandOffPerfTest {

  private static final int ITEMS = 2_000;

  private final HandOff handOff = new HandOff(Regressions.regressed("hand-off"));

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = ITEMS)
  @MaxRegression(event = "context-switches", percent = 25.0)
  void handOffToNewThread() throws InterruptedException {
    assertEquals((long) ITEMS * (ITEMS - 1) / 2, handOff.run(ITEMS));
  }
}
