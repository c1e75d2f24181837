package dev.countersign.vmexit;

import dev.countersign.results.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.MetricDeriver.Derivation;
import dev.countersign.runner.Mode;
import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VmExitDeriverTest {

  private final VmExitDeriver deriver = new VmExitDeriver(Profiles::builtIn, new PerfFeed(3));

  private static List<EventSpec> metrics(String... names) {
    return java.util.Arrays.stream(names).map(EventCatalog::parse).toList();
  }

  private static Optional<MetricSeries> series(Derivation d, String name) {
    return d.metrics().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private static Optional<UnavailableMetric> unavailable(Derivation d, String name) {
    return d.unavailable().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  @Test
  void inputsAreTheTracepointsInPerfAndAutoAndNothingInSim() {
    List<EventSpec> derived = metrics("vmexit.intel-kvm-default.MSR_WRITE");
    List<String> perf = deriver.inputs(derived, Mode.PERF).stream()
        .map(EventSpec::qualifiedName).toList();
    assertTrue(perf.contains("msr:write_msr[msr == 0x6e0]"), perf.toString());
    assertTrue(perf.contains("task-clock"));
    assertTrue(perf.contains("ipi:ipi_send_cpumask"));
    assertTrue(perf.contains("sched:sched_switch[prev_state == 1 || prev_state == 2]"));
    List<String> auto = deriver.inputs(derived, Mode.AUTO).stream()
        .map(EventSpec::qualifiedName).toList();
    assertTrue(auto.containsAll(perf) && auto.contains("page-faults"), auto.toString());
    // the simulator's probe opens for page-faults and then reports its guest activity
    assertEquals(List.of("page-faults"), deriver.inputs(derived, Mode.SIM).stream()
        .map(EventSpec::qualifiedName).toList());
    assertEquals(List.of(), deriver.inputs(List.of(), Mode.PERF));
  }

  @Test
  void simFeedGivesEveryReasonPerOpForEachNamedHost() {
    GuestActivity one = new GuestActivity(List.of(new SpinEpisode(0, 3001, 50, false)), 100, 10,
        0, 20, 5, 0, 0, 0, 1e9);
    GuestActivity two = new GuestActivity(List.of(), 200, 10, 0, 20, 5, 0, 0, 0, 1e9);
    Measurement m = new Measurement(10, List.of(), List.of(), List.of(one, two));
    Derivation d = deriver.derive(
        metrics("vmexit.intel-kvm-default.MSR_WRITE", "vmexit.amd-kvm-default.PAUSE"), m);
    assertEquals(List.of(3.0, 3.0),
        series(d, "vmexit.intel-kvm-default.MSR_WRITE").orElseThrow().perOp()); // (20+10)/10
    assertEquals(List.of(0.1, 0.0),
        series(d, "vmexit.amd-kvm-default.PAUSE").orElseThrow().perOp());
    assertEquals(List.of(0.0, 0.0),
        series(d, "vmexit.intel-kvm-default.PAUSE").orElseThrow().perOp());
    assertEquals(List.of(10.0, 20.0),
        series(d, "vmexit.intel-kvm-default.EPT_VIOLATION").orElseThrow().perOp());
    MetricSeries any = series(d, "vmexit.intel-kvm-default.ANY").orElseThrow();
    // 100 pages + 30 MSR + 5 HLT + 15 preemption timer + 250 ticks, per 10 ops
    assertEquals(40.0, any.perOp().get(0), 1e-9);
    assertEquals(Source.MODEL, any.source());
    MetricSeries ns = series(d, "vmexit.intel-kvm-default.overhead-ns").orElseThrow();
    assertEquals("ns", ns.unit());
    assertEquals((100 * 3000 + 30 * 1000 + 5 * 1500 + 15 * 1000 + 250 * 1000) / 10.0,
        ns.perOp().get(0), 1e-6);
    assertTrue(d.unavailable().isEmpty(), d.unavailable().toString());
  }

  /** A measurement as the perf engine would record it: per-op series of the feed's inputs. */
  private static Measurement perfMeasurement(long ops, boolean withTracepoints) {
    List<MetricSeries> s = new ArrayList<>();
    List<UnavailableMetric> u = new ArrayList<>();
    s.add(new MetricSeries("task-clock", Source.KERNEL, "ns", List.of(2e8 / ops, 4e8 / ops)));
    String[][] tp = {
      {"msr:write_msr[msr == 0x6e0]", "1000", "1200"},
      {"ipi:ipi_send_cpu", "50", "60"},
      {"sched:sched_waking", "40", "80"},
      {"ipi:ipi_send_cpumask", "0", "2"},
      {"sched:sched_switch[prev_state == 1 || prev_state == 2]", "900", "1000"},
      {"exceptions:page_fault_user", "256", "512"},
    };
    for (String[] t : tp) {
      if (withTracepoints) {
        s.add(new MetricSeries(t[0], Source.TRACEPOINT, "count",
            List.of(Double.parseDouble(t[1]) / ops, Double.parseDouble(t[2]) / ops)));
      } else {
        u.add(new UnavailableMetric(t[0], Source.TRACEPOINT, ErrorCode.EACCES,
            "tracefs is not readable", "run as root"));
      }
    }
    return new Measurement(ops, s, u, List.of());
  }

  @Test
  void perfFeedTurnsTracepointCountsIntoExits() {
    Derivation d = deriver.derive(metrics("vmexit.intel-kvm-default.MSR_WRITE"),
        perfMeasurement(100, true));
    // timer arms + the larger of ipi_send_cpu and the wake-ups of blocked threads + cpumask sends
    // × 2 other CPUs (intel-kvm-default has 2 vCPUs: each shootdown IPI is an ICR write)
    assertEquals(List.of((1000 + 50) / 100.0, (1200 + 80 + 2 * 2) / 100.0),
        series(d, "vmexit.intel-kvm-default.MSR_WRITE").orElseThrow().perOp());
    assertEquals(List.of(9.0, 10.0), series(d, "vmexit.intel-kvm-default.HLT").orElseThrow()
        .perOp());
    assertEquals(List.of(2.56, 5.12),
        series(d, "vmexit.intel-kvm-default.EPT_VIOLATION").orElseThrow().perOp());
    // 0.2 s × 250 Hz = 50 host ticks
    assertEquals(0.5, series(d, "vmexit.intel-kvm-default.EXTERNAL_INTERRUPT").orElseThrow()
        .perOp().get(0), 1e-9);
  }

  @Test
  void perfFeedReportsWhatTracepointsCannotSeeAsUnavailableNeverZero() {
    Derivation d = deriver.derive(metrics("vmexit.amd-kvm-default.PAUSE",
        "vmexit.kvm-exits-disabled.PAUSE"), perfMeasurement(100, true));
    UnavailableMetric pause = unavailable(d, "vmexit.amd-kvm-default.PAUSE").orElseThrow();
    assertEquals(ErrorCode.BLIND, pause.error());
    assertTrue(pause.reason().contains("PAUSE spins"), pause.reason());
    assertTrue(series(d, "vmexit.amd-kvm-default.PAUSE").isEmpty());
    assertTrue(unavailable(d, "vmexit.amd-kvm-default.ANY").isPresent());
    assertTrue(unavailable(d, "vmexit.amd-kvm-default.EPT_MISCONFIG").isPresent());
    assertTrue(unavailable(d, "vmexit.amd-kvm-default.overhead-ns").isPresent());
    // a host without PAUSE exits needs no spins: zero is known there
    assertEquals(List.of(0.0, 0.0),
        series(d, "vmexit.kvm-exits-disabled.PAUSE").orElseThrow().perOp());
  }

  @Test
  void anUnreadableTracepointMakesItsReasonsUnavailableWithTheCause() {
    Derivation d = deriver.derive(metrics("vmexit.intel-kvm-default.MSR_WRITE"),
        perfMeasurement(100, false));
    UnavailableMetric msr = unavailable(d, "vmexit.intel-kvm-default.MSR_WRITE").orElseThrow();
    assertTrue(msr.reason().contains("msr:write_msr[msr == 0x6e0] is unavailable"),
        msr.reason());
    assertTrue(msr.reason().contains("tracefs is not readable"), msr.reason());
    assertTrue(series(d, "vmexit.intel-kvm-default.MSR_WRITE").isEmpty());
    assertTrue(unavailable(d, "vmexit.intel-kvm-default.HLT").isPresent());
    // run time (task-clock) was measured, and with the preemption timer the Intel host's
    // external interrupts need nothing else: still estimated
    assertEquals(0.5, series(d, "vmexit.intel-kvm-default.EXTERNAL_INTERRUPT").orElseThrow()
        .perOp().get(0), 1e-9);
  }

  @Test
  void noObservedActivityAtAllIsUnavailableWithARemedy() {
    Derivation d = deriver.derive(metrics("vmexit.intel-kvm-default.HLT"),
        new Measurement(1, List.of(), List.of(), List.of()));
    UnavailableMetric hlt = unavailable(d, "vmexit.intel-kvm-default.HLT").orElseThrow();
    assertEquals(ErrorCode.NO_AGENT, hlt.error());
    assertFalse(hlt.remedy().isEmpty());
    assertTrue(unavailable(d, "vmexit.intel-kvm-default.overhead-ns").isPresent());
    assertTrue(d.metrics().isEmpty());
  }

  @Test
  void anUnknownHostIsUnavailableListingTheValidHosts() {
    Derivation d = deriver.derive(metrics("vmexit.no-such-host.HLT"),
        new Measurement(1, List.of(), List.of(), List.of(GuestActivity.none())));
    UnavailableMetric u = unavailable(d, "vmexit.no-such-host.HLT").orElseThrow();
    assertTrue(u.reason().contains("intel-kvm-default"), u.reason());
  }

  @Test
  void autoPrefersTheSimulatorWhenTracepointsWereNotAllMeasured() {
    GuestActivity sim = new GuestActivity(List.of(), 0, 0, 0, 7, 0, 0, 0, 0, 0);
    Measurement partial = perfMeasurement(1, false);
    Measurement withSim = new Measurement(1, partial.metrics(), partial.unavailable(),
        List.of(sim, sim));
    Derivation d = deriver.derive(metrics("vmexit.intel-kvm-default.MSR_WRITE"), withSim);
    assertEquals(List.of(7.0, 7.0),
        series(d, "vmexit.intel-kvm-default.MSR_WRITE").orElseThrow().perOp());
    // with every tracepoint measured, the real counts win over the simulator's
    Measurement full = perfMeasurement(100, true);
    Derivation p = deriver.derive(metrics("vmexit.intel-kvm-default.MSR_WRITE"),
        new Measurement(100, full.metrics(), full.unavailable(), List.of(sim, sim)));
    assertEquals(10.5, series(p, "vmexit.intel-kvm-default.MSR_WRITE").orElseThrow().perOp()
        .get(0), 1e-9);
  }

  @Test
  void inputsThatWereNotCountedAreNamedWhenNothingWasObserved() {
    Measurement m = new Measurement(1, List.of(), List.of(new UnavailableMetric("task-clock",
        Source.KERNEL, ErrorCode.NOT_COUNTED, "never scheduled in 1 of 12 iterations", "")), List.of());
    UnavailableMetric u = unavailable(deriver.derive(metrics("vmexit.intel-kvm-default.HLT"), m),
        "vmexit.intel-kvm-default.HLT").orElseThrow();
    assertEquals(ErrorCode.BLIND, u.error());
    assertTrue(u.reason().contains("task-clock NOT_COUNTED: never scheduled"), u.reason());
  }

  @Test
  void theOverheadIsANameOfItsOwnThatBudgetsCanUse() {
    EventSpec overhead = EventCatalog.parse("vmexit.intel-kvm-default.overhead-ns");
    assertEquals("ns", overhead.unit());
    assertTrue(deriver.derives(overhead));
    GuestActivity a = new GuestActivity(List.of(), 0, 0, 0, 4, 0, 0, 0, 0, 0);
    Derivation d = deriver.derive(List.of(overhead),
        new Measurement(2, List.of(), List.of(), List.of(a)));
    // 4 TSC-deadline writes (1,000 ns each) + 4 preemption-timer expiries (1,000 ns), per 2 ops
    assertEquals(List.of(4000.0), series(d, "vmexit.intel-kvm-default.overhead-ns").orElseThrow()
        .perOp());
  }
}
