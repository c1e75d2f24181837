package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.ErrorCode;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbeSet;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The kernel counters bracket only the workload: another probe's work at begin and end (here 64
 * first-touch page faults each, as the JVM probe's MXBean reads cost CPU time) falls outside
 * their window, whatever order the providers come in; what does fall inside (the counting probes'
 * own reads) is measured on empty spans before the run and subtracted; measuring that floor never
 * invokes the workload.
 */
class ProbeNestingTest {

  private static final int PAGES = 64;

  /**
   * A probe whose begin and end each fault {@value #PAGES} fresh pages. It takes {@code
   * alloc-bytes} (always 0), so that it is opened after the perf probe, as the JVM probe is.
   */
  private static class Toucher implements Probe {
    @Override
    public List<ProbedMetric> metrics() {
      return List.of(new ProbedMetric("alloc-bytes", Source.JVM, "bytes"));
    }

    @Override
    public void begin() {
      FreshPages.touch(PAGES);
    }

    @Override
    public void end(double[] values, double[] fractionCounted) {
      FreshPages.touch(PAGES);
      values[0] = 0;
      fractionCounted[0] = Double.NaN;
    }

    @Override
    public void close() {}
  }

  private static final ProbeProvider TOUCHER =
      (events, request) -> new ProbeOffer(Optional.of(new Toucher()), List.of());

  /** The same, declared as counting harness work: it nests inside the perf probe's window. */
  private static final ProbeProvider COUNTING_TOUCHER =
      (events, request) -> new ProbeOffer(Optional.of(new Toucher() {
        @Override
        public boolean countsHarnessWork() {
          return true;
        }
      }), List.of());

  @Test
  void anotherProbesWorkIsNotCountedAsTheWorkloads() {
    List<EventSpec> events = List.of(EventCatalog.parse("page-faults"),
        EventCatalog.parse("alloc-bytes"));
    for (List<ProbeProvider> providers : List.of(
        List.of(new PerfEventProbeProvider(), TOUCHER),
        List.of(TOUCHER, new PerfEventProbeProvider()))) {
      try (ProbeSet set = ProbeSet.open(events, List.of(),
          new ProbeRequest(Mode.PERF, List.of()), providers, List.of())) {
        assertEquals(2, set.probes().size());
        int perf = set.probes().get(0) instanceof Toucher ? 1 : 0;
        double[][] values = {new double[1], new double[1]};
        double[][] fractions = {new double[1], new double[1]};
        double most = 0;
        for (int i = 0; i < 5; i++) {
          set.begin();
          FreshPages.touch(3);
          set.end(values, fractions);
          most = Math.max(most, values[perf][0]);
        }
        assertTrue(most >= 3 && most < PAGES, "page faults counted in an empty span: " + most
            + " (the workload's 3; another probe's " + 2 * PAGES + " must not be counted)");
      }
    }
  }

  @Test
  void warmingTheReadPathDoesNotInvokeTheWorkload() throws Throwable {
    AtomicInteger calls = new AtomicInteger();
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("task-clock")), List.of(), 3, 7, 1,
        new ProbeRequest(Mode.PERF, List.of()));
    Measurement m = new Runner(List.of(new PerfEventProbeProvider()), List.of())
        .run(plan, calls::incrementAndGet);
    assertEquals(10, calls.get());
    // a body of nothing is as often at or below the floor as above it: 7 values, or none
    // (BELOW_FLOOR) over the 7 measured invocations
    m.metric("task-clock").ifPresentOrElse(s -> assertEquals(7, s.perOp().size()), () -> {
      UnavailableMetric u = m.unavailable().stream()
          .filter(x -> x.name().equals("task-clock")).findFirst().orElseThrow();
      assertEquals(ErrorCode.BELOW_FLOOR, u.error());
      assertTrue(u.reason().contains(" of 7 invocations"), u.reason());
    });
  }

  @Test
  void theFloorInsideTheWindowIsSubtracted() throws Throwable {
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("page-faults"),
        EventCatalog.parse("alloc-bytes")), List.of(), 2, 9, 1,
        new ProbeRequest(Mode.PERF, List.of()));
    // the toucher's 2 x 64 faults land inside the perf window of every span, empty or not
    Measurement m = new Runner(List.of(new PerfEventProbeProvider(), COUNTING_TOUCHER), List.of())
        .run(plan, () -> FreshPages.touch(3));
    List<Double> faults = m.metric("page-faults").orElseThrow().perOp();
    double median = faults.stream().sorted().toList().get(faults.size() / 2);
    assertTrue(median >= 3 && median <= 5, "the workload's 3 faults, without the floor's "
        + 2 * PAGES + ": " + faults);
  }

  /** A probe outside the counting window that counts the spans it sees. */
  private static final class SpanCounter implements Probe {
    int spans;
    int sinceForgotten;

    @Override
    public List<ProbedMetric> metrics() {
      return List.of(new ProbedMetric("alloc-bytes", Source.JVM, "bytes"));
    }

    @Override
    public void begin() {
      spans++;
      sinceForgotten++;
    }

    @Override
    public void end(double[] values, double[] fractionCounted) {
      values[0] = 0;
      fractionCounted[0] = Double.NaN;
    }

    @Override
    public void forgetSpans() {
      sinceForgotten = 0;
    }

    @Override
    public void close() {}
  }

  /**
   * The floor's empty spans run inside the other probes too, as measured invocations do (their
   * work between spans cools the counting probes' read path; a floor measured without it was
   * short), and those probes then forget them: only the measured invocations are theirs.
   */
  @Test
  void theFloorsSpansRunInsideTheOtherProbesWhichForgetThem() throws Throwable {
    SpanCounter counter = new SpanCounter();
    ProbeProvider counting = (events, request) ->
        new ProbeOffer(Optional.of(counter), List.of());
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("task-clock"),
        EventCatalog.parse("alloc-bytes")), List.of(), 3, 7, 1,
        new ProbeRequest(Mode.PERF, List.of()));
    new Runner(List.of(new PerfEventProbeProvider(), counting), List.of()).run(plan, () -> { });
    assertEquals(7, counter.sinceForgotten, "spans after the floor: the measured invocations");
    assertTrue(counter.spans > 1_000, counter.spans + " spans: the floor's ran inside it too");

    // without a counting probe there is no floor, and no empty span: the 3 warm-up invocations
    // (inside every probe, then forgotten) and the 7 measured ones
    SpanCounter alone = new SpanCounter();
    new Runner(List.of((events, request) -> new ProbeOffer(Optional.of(alone), List.of())),
        List.of()).run(new RunPlan(List.of(EventCatalog.parse("alloc-bytes")), List.of(), 3, 7, 1,
            new ProbeRequest(Mode.PERF, List.of())), () -> { });
    assertEquals(10, alone.spans);
    assertEquals(7, alone.sinceForgotten);
  }
}
