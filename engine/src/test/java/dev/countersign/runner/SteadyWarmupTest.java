package dev.countersign.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SteadyWarmupTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final AtomicLong compiled = new AtomicLong(0);

  private SteadyWarmup warmup(long minMillis) {
    return new SteadyWarmup(minMillis * MS, now::get, compiled::get);
  }

  /** Advances the clock in 1 ms steps until goOn() says stop; the warm-up's length in ms. */
  private long runUntilDone(SteadyWarmup w, long compileUntilMillis) {
    long start = now.get();
    while (w.goOn()) {
      now.addAndGet(MS);
      if (now.get() - start < compileUntilMillis * MS) {
        compiled.incrementAndGet();
      }
      if (now.get() - start > 10_000 * MS) {
        throw new AssertionError("the warm-up never ended");
      }
    }
    return (now.get() - start) / MS;
  }

  @Test
  void aQuietJitEndsTheWarmUpAtTheMinimumTime() {
    assertEquals(400, runUntilDone(warmup(400), 0));
  }

  @Test
  void compilationsGoOnExtendTheWarmUpUntilAQuarterOfTheTimeWasQuiet() {
    // compiling for 600 ms of a 400 ms warm-up: the last change is seen at the 10 ms sample
    // after 600 ms, then 100 ms (a quarter) of quiet
    long took = runUntilDone(warmup(400), 600);
    assertTrue(took >= 700 && took <= 720, "took " + took + " ms");
  }

  @Test
  void aJitThatNeverSettlesStopsTheWarmUpAtFourTimesTheMinimum() {
    assertEquals(1600, runUntilDone(warmup(400), Long.MAX_VALUE / MS));
  }

  @Test
  void withoutCompilationMonitoringOnlyTheTimeCounts() {
    SteadyWarmup w = new SteadyWarmup(400 * MS, now::get, () -> -1);
    assertEquals(400, runUntilDone(w, 0));
  }

  @Test
  void offByDefault() {
    assertFalse(SteadyWarmup.start(0).goOn());
  }

  @Test
  void theRealJitMonitorEndsAWarmUp() {
    SteadyWarmup w = SteadyWarmup.start(0.05);
    long invocations = 0;
    long hash = 0;
    while (w.goOn()) {
      for (int i = 0; i < 1_000; i++) {
        hash = hash * 31 + i;
      }
      invocations++;
    }
    assertTrue(invocations > 0, "ran " + invocations + " (" + hash + ")");
  }
}
