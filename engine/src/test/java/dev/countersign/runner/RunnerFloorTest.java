package dev.countersign.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.results.ErrorCode;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The harness floor ({@link ProbeSet#harnessFloor}) as the {@link Runner} takes and subtracts it,
 * with a probe that counts the harness's work and whose counts the test sets: what an empty span
 * costs, and what the workload adds.
 */
class RunnerFloorTest {

  private static final int ITERATIONS = 40;

  private final ScriptedCounter counter = new ScriptedCounter();

  private Measurement run(int warmup, Workload workload) throws Throwable {
    RunPlan plan = new RunPlan(List.of(EventCatalog.parse("task-clock")), List.of(), warmup,
        ITERATIONS, 1, new ProbeRequest(Mode.AUTO, List.of()), 0, false);
    ProbeProvider provider = (events, request) -> new ProbeOffer(Optional.of(counter), List.of());
    return new Runner(List.of(provider), List.of()).run(plan, workload);
  }

  @Test
  void theFloorIsTakenAfterTheWarmUpAndSubtractedFromEveryInvocation() throws Throwable {
    // the read path costs 500 until it has run 3,000 spans (compiled by then), then 100: after
    // the 2,000 warm-up spans, the floor's second half meets it at 100
    counter.emptySpan = spans -> spans < 3_000 ? 500 : 100;
    Measurement m = run(2_000, () -> counter.work = 250);
    double[] values = m.metric("task-clock").orElseThrow().values();
    assertEquals(ITERATIONS, values.length);
    for (double v : values) {
      assertEquals(250, v, "the floor of the read path as the invocations meet it, 100");
    }
  }

  @Test
  void aMetricAtOrBelowItsFloorInHalfTheInvocationsHasNoSeries() throws Throwable {
    counter.emptySpan = spans -> 300;
    int[] calls = {0};
    // 2 warm-up invocations, then 20 of the 40 measured ones cost nothing beyond the reads
    Measurement m = run(2, () -> counter.work = calls[0]++ % 2 == 0 ? 0 : 40);
    assertTrue(m.metric("task-clock").isEmpty(), "no series of a median that is a clamped 0");
    UnavailableMetric u = m.unavailable().stream()
        .filter(x -> x.name().equals("task-clock")).findFirst().orElseThrow();
    assertEquals(ErrorCode.BELOW_FLOOR, u.error());
    assertTrue(u.reason().startsWith("in 20 of 40 invocations it counted no more than the"
        + " probes' own reads in an empty span (the harness floor, 300 ns)"), u.reason());
    assertTrue(u.remedy().contains("opsPerInvocation"), u.remedy());
  }

  @Test
  void fewerInvocationsBelowTheFloorKeepTheSeriesWithThoseAtZero() throws Throwable {
    counter.emptySpan = spans -> 300;
    int[] calls = {0};
    // 19 of the 40 measured ones at the floor: the median is still a measured value
    Measurement m = run(2, () -> counter.work = calls[0]++ < 2 + 19 ? 0 : 40);
    double[] values = m.metric("task-clock").orElseThrow().values();
    assertEquals(19, Arrays.stream(values).filter(v -> v == 0).count());
    assertEquals(21, Arrays.stream(values).filter(v -> v == 40).count());
  }

  /** Scripted task-clock: an empty span's cost by the spans so far, plus the workload's work. */
  private static final class ScriptedCounter implements Probe {
    IntToDoubleFunction emptySpan = spans -> 0;
    double work;
    private int spans;

    @Override
    public List<ProbedMetric> metrics() {
      return List.of(new ProbedMetric("task-clock", Source.KERNEL, "ns", null));
    }

    @Override
    public boolean countsHarnessWork() {
      return true;
    }

    @Override
    public void begin() {
      work = 0;
    }

    @Override
    public void end(double[] values, double[] fractionCounted) {
      values[0] = emptySpan.applyAsDouble(spans++) + work;
      fractionCounted[0] = Double.NaN;
    }

    @Override
    public void close() {}
  }
}
