package dev.countersign.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class SteadyWarmupTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final AtomicLong compiled = new AtomicLong(0);
  private final AtomicInteger pending = new AtomicInteger(0);

  private SteadyWarmup warmup(long minMillis) {
    return new SteadyWarmup(minMillis * MS, now::get, compiled::get, pending::get);
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
    SteadyWarmup w = new SteadyWarmup(400 * MS, now::get, () -> -1, () -> -1);
    assertEquals(400, runUntilDone(w, 0));
  }

  @Test
  void aCompilationInProgressExtendsTheWarmUpThoughNoTimeWasAdded() {
    // one long C2 compilation from 50 ms to 650 ms: the accumulated compilation time only moves
    // when it finishes, the queue shows it throughout
    SteadyWarmup w = warmup(400);
    long start = now.get();
    while (w.goOn()) {
      now.addAndGet(MS);
      long at = (now.get() - start) / MS;
      pending.set(at >= 50 && at < 650 ? 1 : 0);
      if (at == 650) {
        compiled.addAndGet(600);
      }
    }
    long took = (now.get() - start) / MS;
    assertTrue(took >= 750 && took <= 770, "took " + took + " ms");
  }

  @Test
  void theQueueTextCountsOneTaskPerMethodLine() {
    String busy = """
        Current compiles:\s
        C2 CompilerThread0  1522       4       java.lang.String::startsWith (7 bytes)
        C1 CompilerThread0  1534       3       javax.management.StandardMBean::equal (23 bytes)

        C1 compile queue:
        1531       3       java.lang.invoke.MethodHandleNatives::linkCallSite (66 bytes)

        C2 compile queue:
        1487   !   4       com.sun.tools.javac.jvm.ClassReader::classSigToType (530 bytes)
        """;
    String idle = """
        Current compiles:\s

        C1 compile queue:
        Empty

        C2 compile queue:
        Empty
        """;
    assertEquals(4, CompileQueue.tasks(busy));
    assertEquals(0, CompileQueue.tasks(idle));
  }

  @Test
  void thisJvmsQueueIsReadAndSeesCompilationsRequestedByNewCode() throws InterruptedException {
    IntSupplier queue = CompileQueue.ofThisJvm();
    assertTrue(queue.getAsInt() >= 0, "Compiler.queue unreadable on HotSpot");
    // a thread reads the queue without pause while this one makes a new loop hot (this method's
    // own, compiled on stack by C1, then C2): some read sees a compilation in progress or queued
    AtomicInteger seen = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        seen.accumulateAndGet(queue.getAsInt(), Math::max);
      }
    });
    reader.start();
    long h = 0;
    for (int round = 0; round < 20 && seen.get() == 0; round++) {
      for (int i = 0; i < 200_000; i++) {
        h = h * 31 + Long.toString(i + h).hashCode();
      }
    }
    done.set(true);
    reader.join();
    assertTrue(seen.get() > 0, "no compilation ever seen in progress or queued (" + h + ")");
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
