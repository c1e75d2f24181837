package dev.countersign.sim;

import dev.countersign.results.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.ClockSeeds;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.sim.agent.TestLoaders;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SimProbeProviderTest {

  private static List<EventSpec> events(String... names) {
    return Stream.of(names).map(EventCatalog::parse).toList();
  }

  private static final ProbeRequest SIM = new ProbeRequest(Mode.SIM, List.of());

  @Test
  void withoutTheAgentEveryModelledEventIsUnavailableWithTheRemedy() {
    ProbeOffer offer = new SimProbeProvider(() -> false)
        .open(events("instructions", "branch-misses", "context-switches"), SIM);
    assertTrue(offer.probe().isEmpty());
    assertEquals(List.of("instructions", "branch-misses"),
        offer.unavailable().stream().map(UnavailableMetric::name).toList());
    UnavailableMetric u = offer.unavailable().get(0);
    assertEquals(ErrorCode.NO_AGENT, u.error());
    assertEquals(Source.SIM, u.source());
    assertTrue(u.remedy().contains("countersign:prepare-agent"), u.remedy());
    assertTrue(u.remedy().contains("-javaagent"), u.remedy());
  }

  @Test
  void offersOnlyTheEventsItModels() {
    ProbeOffer offer = new SimProbeProvider(() -> true)
        .open(events("instructions", "LLC-load-misses", "context-switches", "gc-count",
            "msr:write_msr[msr == 0x830]"), SIM);
    assertEquals(List.of("instructions", "LLC-load-misses"),
        offer.probe().orElseThrow().metrics().stream().map(ProbedMetric::name).toList());
    assertTrue(offer.probe().get().metrics().stream().allMatch(m -> m.source() == Source.SIM));
    assertTrue(offer.unavailable().isEmpty());
    offer.probe().get().close();
  }

  @Test
  void theAgentsErrorsNameTheSettingTheSettingsClassReads() {
    assertEquals(Settings.SIM_PROFILE, CpuProfile.PROPERTY);
    assertEquals(Settings.SIM_CLOCK_SEEDED_RANDOM, ClockSeeds.CLOCK_PROPERTY);
  }

  @Test
  void unknownProfileIsAClearError() {
    System.setProperty(Settings.SIM_PROFILE, "pentium-4");
    try {
      ProbeOffer offer = new SimProbeProvider(() -> true).open(events("cycles"), SIM);
      assertTrue(offer.probe().isEmpty());
      assertTrue(offer.unavailable().get(0).reason().contains("zen4-server"));
    } finally {
      System.clearProperty(Settings.SIM_PROFILE);
    }
  }

  @Test
  void runnerInSimModeGivesIdenticalCountsInEveryIteration() throws Throwable {
    Method mixed = TestLoaders.instrumented("simfixture.Workloads").getMethod("mixed", int.class);
    List<EventSpec> events = events("instructions", "branches", "branch-misses",
        "L1-dcache-load-misses", "LLC-load-misses", "dTLB-load-misses", "cycles", "alloc-bytes",
        "page-faults");
    RunPlan plan = new RunPlan(events, List.of(), 2, 10, 1000, SIM);
    Measurement m = new Runner(List.of(new SimProbeProvider()), List.of())
        .run(plan, () -> mixed.invoke(null, 5000));
    assertTrue(m.unavailable().isEmpty(), m.unavailable().toString());
    assertEquals(9, m.metrics().size());
    for (MetricSeries s : m.metrics()) {
      assertEquals(Source.SIM, s.source());
      // cycles charge the JIT's inlining, and say so with every value; the rest count as written
      assertEquals(s.name().equals("cycles") ? "jit-inlining-1" : null, s.costModel(), s.name());
      if (s.name().equals("page-faults")) {
        // the synthetic heap's pages are touched once, in warm-up (which runs the simulator);
        // later iterations reuse them, as a JVM's heap does
        assertEquals(List.of(0.0), s.perOp().stream().distinct().toList(), s.toString());
      } else {
        assertEquals(1, s.perOp().stream().distinct().count(), s.toString());
        // the workload's data is allocated (so cached) within the iteration: LLC and TLB may be 0
        if (!s.name().startsWith("LLC") && !s.name().startsWith("dTLB")) {
          assertTrue(s.perOp().get(0) > 0, s.toString());
        }
      }
    }
    assertEquals(10, m.guestActivity().size());
    RunPlan cold = new RunPlan(events("page-faults"), List.of(), 0, 3, 1, SIM);
    List<Double> faults = new Runner(List.of(new SimProbeProvider()), List.of())
        .run(cold, () -> mixed.invoke(null, 5000)).metric("page-faults").orElseThrow().perOp();
    assertTrue(faults.get(0) > 0 && faults.get(1) == 0 && faults.get(2) == 0,
        "without warm-up the first iteration touches the heap: " + faults);
    GuestActivity g = m.guestActivity().get(3);
    double cycles = m.metric("cycles").orElseThrow().perOp().get(3) * 1000;
    assertEquals(cycles / CpuProfile.zen4Server().coreGhz(), g.runTimeNs(), 1.0);
  }
}
