package dev.countersign.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.sim.agent.TestLoaders;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own setup (its caches, TLBs and predictor — 4.5 MB with the default profile —
 * the address map's growth, and the JIT compilation of its counting paths) happens before the first
 * measured iteration: in mode auto, the JVM's {@code alloc-bytes} measured beside the simulator is
 * the same in the first iteration as in the last, for a workload on the test thread and for one
 * that starts a thread per invocation.
 */
class SimulatorSetupTest {

  @Test
  void firstMeasuredIterationAllocatesWhatTheLastDoes() throws Throwable {
    Method mixed = TestLoaders.instrumented("simfixture.Workloads").getMethod("mixed", int.class);
    assertFirstEqualsLast(() -> mixed.invoke(null, 20_000));
  }

  @Test
  void threadsStartedPerInvocationReuseTheirSimulatedCores() throws Throwable {
    Method onThread =
        TestLoaders.instrumented("simfixture.Workloads").getMethod("sumOnNewThread", int.class);
    assertFirstEqualsLast(() -> onThread.invoke(null, 20_000));
  }

  private static void assertFirstEqualsLast(dev.countersign.runner.Workload w) throws Throwable {
    RunPlan plan = new RunPlan(
        List.of(EventCatalog.parse("alloc-bytes"), EventCatalog.parse("cycles"),
            EventCatalog.parse("L1-dcache-load-misses"), EventCatalog.parse("task-clock")),
        List.of(), 3, 8, 1, new ProbeRequest(Mode.AUTO, List.of()));
    Measurement m = Runner.forMode(Mode.AUTO).run(plan, w);
    // nothing printed here: Surefire's thread forwarding a line allocates, and the JVM probe
    // would then withhold alloc-bytes of the next test as DISTURBED
    MetricSeries cycles = m.metric("cycles")
        .orElseThrow(() -> new AssertionError("cycles unavailable: " + m.unavailable()));
    assertEquals(Source.SIM, cycles.source());
    MetricSeries alloc = m.metric("alloc-bytes")
        .orElseThrow(() -> new AssertionError("alloc-bytes unavailable: " + m.unavailable()));
    assertEquals(Source.JVM, alloc.source(), "the JVM's allocation, the simulator's included");
    List<Double> a = alloc.perOp();
    double first = a.get(0);
    double last = a.get(a.size() - 1);
    // the workload allocates the same in every invocation; allowance: TLAB refills and the like
    assertTrue(Math.abs(first - last) <= 4096, "first " + first + " vs last " + last + ": " + a);
    assertEquals(cycles.perOp().get(0), cycles.perOp().get(cycles.perOp().size() - 1));
  }
}
