package dev.countersign.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.jvm.JvmProbeProvider;
import dev.countersign.results.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settling invocations between the warm-up and the measured ones ({@link Runner#run}). */
class RunnerSettleTest {

  private static final int ONE_MIB = 1 << 20;
  private static final int ITERATIONS = 6;

  private final List<byte[]> kept = new ArrayList<>();
  private final List<Boolean> inSpan = new ArrayList<>();

  /** A probe beside the JVM's that says whether an invocation runs inside the probes. */
  private final SpanWitness witness = new SpanWitness(false);

  private RunPlan plan(double warmupSeconds, boolean settles) {
    return new RunPlan(List.of(EventCatalog.parse("alloc-bytes"), EventCatalog.parse("task-clock")),
        List.of(), 2, ITERATIONS, 1, new ProbeRequest(Mode.AUTO, List.of()), warmupSeconds,
        settles);
  }

  /**
   * Notes whether each invocation ran inside the probes; the first {@code allocating} of those
   * after the warm-up (once the probe has forgotten the warm-up's spans) allocate 1 MiB each, the
   * rest nothing.
   */
  private Workload workload(SpanWitness probe, int allocating) {
    return () -> {
      inSpan.add(probe.open);
      if (probe.forgotten > 0 && afterWarmup++ < allocating) {
        kept.add(new byte[ONE_MIB]);
      }
    };
  }

  private int afterWarmup;

  private double[] run(RunPlan plan, Workload workload) throws Throwable {
    ProbeProvider witnessing = (events, request) ->
        new ProbeOffer(Optional.of(witness), List.of());
    return new Runner(List.of(new JvmProbeProvider(), witnessing), List.of())
        .run(plan, workload).metric("alloc-bytes").orElseThrow().values();
  }

  private long spanned() {
    return inSpan.stream().filter(b -> b).count();
  }

  @Test
  void aPlanWarmingUpByTimeRunsThreeInvocationsInsideTheProbesThatAreNotMeasured()
      throws Throwable {
    double[] alloc = run(plan(0.01, true), workload(witness, Runner.SETTLE_INVOCATIONS));
    assertTrue(inSpan.size() > 2 + Runner.SETTLE_INVOCATIONS + ITERATIONS, "warmed up by time");
    assertEquals(inSpan.size(), spanned(), "the warm-up too runs inside the probes");
    assertEquals(2, witness.forgotten, "the warm-up's spans, then the settling ones, forgotten");
    assertEquals(Runner.SETTLE_INVOCATIONS + ITERATIONS, afterWarmup);
    assertEquals(ITERATIONS, alloc.length);
    for (double a : alloc) {
      assertTrue(a < ONE_MIB / 2, "a settling invocation was measured: " + a + " B");
    }
    assertEquals(ITERATIONS, witness.sinceForgotten, "the witness forgot the settling spans");
  }

  @Test
  void theFirstMeasuredInvocationIsTheOneAfterTheSettlingOnes() throws Throwable {
    double[] alloc = run(plan(0.01, true), workload(witness, Runner.SETTLE_INVOCATIONS + 1));
    assertTrue(alloc[0] >= ONE_MIB, "first measured: " + alloc[0] + " B");
    assertTrue(alloc[1] < ONE_MIB / 2, "second measured: " + alloc[1] + " B");
  }

  @Test
  void aPlanWithAFixedCountRunsExactlyItsInvocations() throws Throwable {
    run(plan(0, false), workload(witness, 0));
    assertEquals(2 + ITERATIONS, inSpan.size());
    assertEquals(2 + ITERATIONS, spanned(), "warm-up and measured invocations inside the probes");
    assertEquals(ITERATIONS, witness.sinceForgotten, "the warm-up's spans forgotten");
  }

  @Test
  void aProbeThatWarmsUpWithTheWorkloadGetsNoSettlingInvocations() throws Throwable {
    SpanWitness warming = new SpanWitness(true);
    ProbeProvider provider = (events, request) -> new ProbeOffer(Optional.of(warming), List.of());
    new Runner(List.of(provider), List.of())
        .run(plan(0, true), workload(warming, 0));
    assertEquals(2 + ITERATIONS, inSpan.size());
    assertEquals(1, warming.forgotten, "the warm-up's spans only: no settling ones to forget");
  }

  /**
   * Claims task-clock (its value 0; no kernel probe here), or alloc-bytes as the simulator's
   * probe, which warms up with the workload, when {@code warms}; tells whether a span is open.
   */
  private static final class SpanWitness implements Probe {
    private final boolean warms;
    boolean open;
    int sinceForgotten;
    int forgotten;

    SpanWitness(boolean warms) {
      this.warms = warms;
    }

    @Override
    public List<ProbedMetric> metrics() {
      return List.of(warms ? new ProbedMetric("alloc-bytes", Source.JVM, "bytes")
          : new ProbedMetric("task-clock", Source.KERNEL, "ns", null));
    }

    @Override
    public void begin() {
      open = true;
      sinceForgotten++;
    }

    @Override
    public void end(double[] values, double[] fractionCounted) {
      open = false;
      values[0] = 0;
      fractionCounted[0] = Double.NaN;
    }

    @Override
    public boolean warmsUpWithWorkload() {
      return warms;
    }

    @Override
    public void forgetSpans() {
      sinceForgotten = 0;
      forgotten++;
    }

    @Override
    public void close() {}
  }
}
