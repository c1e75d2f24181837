package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workload that starts and joins a busy thread per invocation, counted for real through
 * {@code inherit} and group reads. {@code Thread.join} returns before the kernel thread has exited,
 * so the reads in {@code end()} and the next {@code begin()} race with the thread's perf teardown,
 * during which the kernel refuses group reads with ECHILD ({@code __perf_read_group_add}). Every
 * invocation must still be counted, in full.
 */
class ThreadExitDuringReadTest {

  @BeforeEach
  void requirePerf() {
    PerfAvailability.assumeOpens("task-clock", "page-faults", "context-switches");
  }

  private static final int INVOCATIONS = 200;
  private static final long BUSY_NANOS = 1_000_000;

  /** Starts a thread that spins until told to stop, spins here meanwhile, stops and joins it. */
  private static void busyPartnerInvocation() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    long[] sink = new long[1];
    Thread partner = new Thread(() -> {
      long x = 1;
      while (!stop.get()) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      sink[0] = x;
    }, "exit-race-partner");
    partner.start();
    long until = System.nanoTime() + BUSY_NANOS;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    stop.set(true);
    partner.join();
  }

  @Test
  void everyInvocationIsCountedWhenAStartedThreadExitsAroundTheReads() throws Exception {
    List<String> names = List.of("task-clock", "page-faults", "context-switches");
    ProbeOffer offer = new PerfEventProbeProvider().open(
        names.stream().map(EventCatalog::parse).toList(), new ProbeRequest(Mode.PERF, List.of()));
    assertTrue(offer.unavailable().isEmpty(), () -> "unavailable: " + offer.unavailable());
    List<String> notCounted = new ArrayList<>();
    double taskClock = 0;
    try (Probe probe = offer.probe().orElseThrow()) {
      assertEquals(names.size(), probe.metrics().size());
      double[] v = new double[names.size()];
      double[] f = new double[names.size()];
      for (int i = 0; i < INVOCATIONS; i++) {
        probe.begin();
        busyPartnerInvocation();
        probe.end(v, f);
        for (int m = 0; m < v.length; m++) {
          if (Double.isNaN(v[m]) || f[m] != 1.0) {
            notCounted.add("invocation " + i + " " + names.get(m) + " = " + v[m]
                + " (fraction " + f[m] + ")");
          }
        }
        taskClock += Double.isNaN(v[0]) ? 0 : v[0];
      }
    }
    assertTrue(notCounted.isEmpty(), () -> notCounted.size() + " of " + INVOCATIONS * names.size()
        + " values not counted in full: " + notCounted.subList(0, Math.min(5, notCounted.size())));
    // the test thread alone spins BUSY_NANOS of wall time per invocation; on a loaded machine it
    // may be descheduled for part of it, hence half
    assertTrue(taskClock >= INVOCATIONS * BUSY_NANOS / 2.0,
        "task-clock " + taskClock + " ns over " + INVOCATIONS + " invocations");
  }
}
