package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.HandOff;

/** Noise suite: the two-thread hand-off (a blocking consumer), 2,000 items per invocation. */
class HandOffNoise {

  private static final int ITEMS = 2_000;

  private final HandOff handOff = new HandOff(false);

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = ITEMS)
  void handOff() throws InterruptedException {
    assertEquals((long) ITEMS * (ITEMS - 1) / 2, handOff.run(ITEMS));
  }
}
