package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Software events and tracepoints counted for real by perf_event_open on this machine. */
class RealCountingTest {

  @BeforeEach
  void requirePerf() {
    PerfAvailability.assumeOpens("page-faults", "minor-faults", "task-clock", "context-switches");
  }

  private final PerfEventProbeProvider provider = new PerfEventProbeProvider();

  static long touchPages(int pages) {
    return FreshPages.touch(pages);
  }

  @Test
  void firstTouchOfNPagesCountsAtLeastNPageFaults() throws Exception {
    int pages = 3000;
    Measure.Outcome out = Measure.once(provider, List.of("page-faults", "minor-faults",
        "task-clock"), () -> touchPages(pages));
    assertTrue(out.value("page-faults") >= pages, () -> "page-faults " + out.values());
    assertTrue(out.value("minor-faults") >= pages, () -> "minor-faults " + out.values());
    // the kernel gives task-clock in ns; touching 12 MB takes well over 100 µs
    assertTrue(out.value("task-clock") > 100_000, () -> "task-clock " + out.values());
    assertEquals(1.0, out.fractions().get("page-faults"), "software events are never multiplexed");
  }

  @Test
  void nothingTouchedCountsFewPageFaults() throws Exception {
    Measure.Outcome out = Measure.once(provider, List.of("page-faults"), () -> { });
    assertTrue(out.value("page-faults") < 50, () -> "page-faults " + out.values());
  }

  static void startThreadsTouching(int threads, int pages) throws InterruptedException {
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        touchPages(pages);
        for (int i = 0; i < 5; i++) {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }, "toucher-" + t);
      th.start();
      started.add(th);
    }
    for (Thread th : started) {
      th.join();
    }
  }

  @Test
  void inheritCountsThreadsTheWorkloadStarts() throws Exception {
    int threads = 4;
    int pages = 1000;
    List<String> events = List.of("page-faults", "task-clock", "context-switches");
    Measure.Outcome with = Measure.once(provider, events,
        () -> startThreadsTouching(threads, pages));
    Measure.Outcome without = Measure.once(provider.withoutInherit(), events,
        () -> startThreadsTouching(threads, pages));
    assertTrue(with.value("page-faults") >= threads * pages, () -> "inherit on " + with.values());
    assertTrue(without.value("page-faults") < pages, () -> "inherit off " + without.values());
    // each started thread sleeps 5 times: at least 20 switches among them, uncounted without
    assertTrue(with.value("context-switches") >= threads * 5, () -> "inherit on " + with.values());
    assertTrue(with.value("context-switches") > without.value("context-switches") + threads * 4,
        () -> "inherit on " + with.values() + " off " + without.values());
    assertTrue(with.value("task-clock") > without.value("task-clock"),
        () -> "inherit on " + with.values() + " off " + without.values());
  }

  @Test
  void sleepingCountsContextSwitchesAndTimerTracepoints() throws Exception {
    PerfAvailability.assumeOpens("timer:hrtimer_start", "msr:write_msr");
    int sleeps = 20;
    Measure.Outcome out = Measure.once(provider,
        List.of("context-switches", "timer:hrtimer_start", "msr:write_msr"), () -> {
          for (int i = 0; i < sleeps; i++) {
            Thread.sleep(1);
          }
        });
    assertTrue(out.value("context-switches") >= sleeps, () -> "" + out.values());
    assertTrue(out.value("timer:hrtimer_start") >= sleeps, () -> "" + out.values());
    assertEquals(1.0, out.fractions().get("timer:hrtimer_start"));
  }

  @Test
  void existingPoolThreadsAreCountedWhenNamed() throws Exception {
    int pages = 2000;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        2, r -> new Thread(r, "existing-pool-worker-" + System.nanoTime()));
    try {
      // the workers exist before the counters are opened, so inherit cannot reach them
      pool.submit(() -> { }).get();
      pool.submit(() -> { }).get();
      Measure.Body work = () -> pool.submit(() -> touchPages(pages)).get();
      Measure.Outcome named = Measure.once(provider, List.of("page-faults"),
          List.of(java.util.regex.Pattern.compile("existing-pool-worker-.*")), work);
      Measure.Outcome unnamed = Measure.once(provider, List.of("page-faults"), work);
      assertTrue(named.value("page-faults") >= pages, () -> "named " + named.values());
      assertTrue(unnamed.value("page-faults") < pages / 2, () -> "unnamed " + unnamed.values());
    } finally {
      pool.shutdownNow();
    }
  }
}
