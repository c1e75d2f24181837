package dev.countersign.jvm;

import dev.countersign.results.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.stats.Samples;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JVM-wide metrics count every thread: measured while another thread allocates, a test that only
 * sleeps would show that thread's megabytes as its own. Real threads, real management beans.
 */
class JvmProbeDisturbanceTest {

  /** One 64-byte array per invocation (16 bytes of header, 48 of longs), kept reachable. */
  static volatile Object sink;

  private static final List<String> JVM_METRICS = List.of("alloc-bytes", "gc-count", "gc-time");

  private static Measurement measureASleeper(List<Pattern> workloadThreads,
      Allocator neighbour) throws Throwable {
    RunPlan plan = new RunPlan(JVM_METRICS.stream().map(EventCatalog::parse).toList(), List.of(),
        2, 10, 1, new ProbeRequest(Mode.AUTO, workloadThreads));
    return new Runner(List.of(new JvmProbeProvider()), List.of()).run(plan, () -> {
      sink = new long[6];
      Thread.sleep(5);
      if (neighbour != null) {
        neighbour.allocateMeanwhile(); // so that it surely ran, even on a loaded machine
      }
    });
  }

  @Test
  void aSleeperAloneKeepsItsOwnAllocation() throws Throwable {
    Measurement m = measureASleeper(List.of(), null);
    assertTrue(m.unavailable().isEmpty(), m.unavailable().toString());
    double alloc = Samples.median(m.metric("alloc-bytes").orElseThrow().values());
    assertTrue(alloc >= 64 && alloc < 1024, "alloc-bytes per op " + alloc);
  }

  @Test
  void anotherThreadAllocatingMeanwhileIsFlaggedNotCounted() throws Throwable {
    try (Allocator neighbour = new Allocator("busy-neighbour")) {
      Measurement m = measureASleeper(List.of(), neighbour);
      for (String name : JVM_METRICS) {
        assertTrue(m.metric(name).isEmpty(), name + " must not be reported as the sleeper's");
        UnavailableMetric u = m.unavailable().stream().filter(x -> x.name().equals(name))
            .findFirst().orElseThrow(() -> new AssertionError(m.unavailable().toString()));
        assertEquals(ErrorCode.DISTURBED, u.error());
        assertTrue(u.reason().contains("most by 'busy-neighbour'"), u.reason());
        assertTrue(u.remedy().contains("@PerfTest(threads = ...)"), u.remedy());
      }
    }
  }

  /** Spans forgotten (the harness floor's) count as no invocation, disturbed or not. */
  @Test
  void forgottenSpansAreNoInvocations() throws Throwable {
    List<String> names = List.of("alloc-bytes");
    double[] values = new double[1];
    double[] fractions = new double[1];
    JvmProbe probe = new JvmProbe(names, List.of());
    try (Allocator neighbour = new Allocator("busy-neighbour")) {
      for (int i = 0; i < 10; i++) {
        probe.begin();
        neighbour.allocateMeanwhile();
        probe.end(values, fractions);
      }
    }
    assertEquals(ErrorCode.DISTURBED, probe.disturbed().get(0).error(), "the neighbour did allocate");
    probe.forgetSpans();
    assertEquals(List.of(), probe.disturbedLastSpan());
    for (int i = 0; i < 10; i++) {
      probe.begin();
      probe.end(values, fractions);
    }
    assertEquals(List.of(), probe.disturbed(), "10 quiet invocations after the forgotten ones");
  }

  @Test
  void threadsNamedAsTheWorkloadsAreItsOwn() throws Throwable {
    try (Allocator pool = new Allocator("pool-1")) {
      Measurement m = measureASleeper(List.of(Pattern.compile("pool-.*")), pool);
      assertTrue(m.unavailable().isEmpty(), m.unavailable().toString());
      // JVM-wide as documented: the named pool's allocation is the workload's
      double alloc = Samples.median(m.metric("alloc-bytes").orElseThrow().values());
      assertTrue(alloc > 256 * 1024, "alloc-bytes per op " + alloc);
    }
  }

  /** A thread that allocates 1 KiB arrays without pause, and 256 KiB on request, until closed. */
  static final class Allocator implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;

    Allocator(String name) throws InterruptedException {
      CountDownLatch started = new CountDownLatch(1);
      thread = new Thread(() -> {
        started.countDown();
        while (running.get()) {
          sink = new byte[1024];
          if (go.tryAcquire()) {
            for (int i = 0; i < 256; i++) {
              sink = new byte[1024];
            }
            done.release();
          }
        }
      }, name);
      thread.start();
      started.await();
    }

    /** Has the thread allocate 256 KiB now, and waits until it has. */
    void allocateMeanwhile() throws InterruptedException {
      go.release();
      done.acquire();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
