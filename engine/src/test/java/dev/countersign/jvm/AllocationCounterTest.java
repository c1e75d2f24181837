package dev.countersign.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM-wide allocation counter, on the JDK it runs on (CI runs it on 17 and on 25). */
class AllocationCounterTest {

  static volatile Object sink;

  private static final boolean JDK_HAS_TOTAL = Arrays.stream(
      com.sun.management.ThreadMXBean.class.getMethods())
      .anyMatch(m -> m.getName().equals("getTotalThreadAllocatedBytes"));

  /** JDK 21, and the 17 updates that backported it (this machine's 17.0.15 has it). */
  @Test
  void readsTheJvmsOwnTotalWhereTheJdkHasIt() {
    assertEquals(JDK_HAS_TOTAL, new JvmProbe.AllocationCounter().readsJvmTotal(),
        Runtime.version().toString());
  }

  /** With the JVM's total, a thread that starts, allocates and ends between two reads counts. */
  @Test
  void countsAThreadThatEndedBetweenTwoReads() throws InterruptedException {
    JvmProbe.AllocationCounter counter = new JvmProbe.AllocationCounter();
    long before = counter.read();
    Thread t = new Thread(() -> sink = new byte[4 << 20]);
    t.start();
    t.join();
    long grown = counter.read() - before;
    if (JDK_HAS_TOTAL) {
      // join() returns once the thread is TERMINATED, a moment before it adds its bytes to the
      // JVM's exited total; a read in between is short by them (HotSpot's
      // jmm_GetTotalThreadAllocatedMemory says so). They arrive within microseconds: poll.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (grown < 4 << 20 && System.nanoTime() < deadline) {
        Thread.sleep(1);
        grown = counter.read() - before;
      }
      assertTrue(grown >= 4 << 20, "counted " + grown + " B of the ended thread's 4 MiB");
    } else {
      // the documented gap without it: only live threads are summed
      assertTrue(grown < 4 << 20, Runtime.version() + " summed " + grown + " B");
    }
  }

  /**
   * Every measured invocation of a body that allocates nothing shows 0 B, also after threads were
   * started since the probe calibrated its own allocation (the sum over live threads, where the
   * JDK lacks the total, allocates arrays that grow with them).
   */
  @Test
  void nothingAllocatedIsZeroInEveryInvocation() throws Throwable {
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("alloc-bytes")), List.of(), 20, 200, 1,
        new ProbeRequest(Mode.AUTO, List.of()));
    List<Thread> idle = new java.util.ArrayList<>();
    Measurement m = new Runner(List.of(new JvmProbeProvider()), List.of()).run(plan, () -> {
      if (idle.size() < 8) {
        // threads started (outside the counted body's own allocation) after calibration
        Thread t = new Thread(() -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        t.setDaemon(true);
        t.start();
        idle.add(t);
      }
    });
    idle.forEach(Thread::interrupt);
    double[] alloc = m.metric("alloc-bytes").orElseThrow().values();
    int nonZero = 0;
    for (double a : alloc) {
      nonZero += a > 0 ? 1 : 0;
    }
    // the first 8 invocations start a thread (its Thread object is allocated: not 0)
    assertTrue(nonZero <= 8 + 2, nonZero + " of " + alloc.length + " invocations allocated: "
        + java.util.Arrays.toString(alloc));
  }

  /**
   * No measured invocation carries the counter's own method handle: held in an instance field it
   * was customized at its 128th call (about 13 kB), in measured invocation 58 of every run.
   */
  @Test
  void noInvocationOfARunCarriesTheCountersHandle() throws Throwable {
    for (int run = 0; run < 3; run++) {
      RunPlan plan = new RunPlan(List.of(EventCatalog.parse("alloc-bytes")), List.of(), 10, 300,
          1, new ProbeRequest(Mode.AUTO, List.of()));
      double[] alloc = new Runner(List.of(new JvmProbeProvider()), List.of()).run(plan, () -> { })
          .metric("alloc-bytes").orElseThrow().values();
      for (int i = 0; i < alloc.length; i++) {
        // JVM-wide: other threads' housekeeping stays below the disturbance floor
        assertTrue(alloc[i] < JvmProbe.DISTURBANCE_FLOOR_BYTES,
            "run " + run + ", invocation " + i + ": " + alloc[i] + " B");
      }
    }
  }
}
