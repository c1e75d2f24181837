package dev.countersign.junit;

import dev.countersign.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventSpec;
import dev.countersign.results.Budget;
import dev.countersign.runner.Mode;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfTestSpecTest {

  static class Samples {
    @PerfTest(warmup = 2, iterations = 7, opsPerInvocation = 100)
    @CounterBudget(event = "page-faults", perOp = 0.5)
    @CounterBudget(event = "alloc-bytes", perOp = 64)
    @MaxRegression(event = "alloc-bytes", percent = 2)
    @VmExitBudget(reason = ExitReason.MSR_WRITE, total = 50)
    void good() {}

    @PerfTest
    void defaults() {}

    @PerfTest(mode = "sim", events = "task-clock")
    void simulated() {}

    @PerfTest(events = "vmexit.intel-kvm-default.HLT")
    void haltExits() {}

    @PerfTest(events = {"alloc-bytes", "instructions"})
    void work() {}

    @PerfTest(iterations = 0, warmup = -1)
    @CounterBudget(event = "instructons", perOp = -3)
    @MaxRegression(event = "page-faults", percent = Double.NaN)
    void bad() {}

    @PerfTest
    @VmExitBudget(reason = ExitReason.HLT)
    void exitBudgetWithoutLimit() {}
  }

  private static Method method(String name) throws NoSuchMethodException {
    return Samples.class.getDeclaredMethod(name);
  }

  @Test
  void readsAnnotations() throws Exception {
    PerfTestSpec s = PerfTestSpec.of(method("good"), Settings.none());
    assertEquals(Mode.AUTO, s.mode());
    assertEquals(2, s.warmup());
    assertEquals(7, s.iterations());
    assertEquals(100, s.opsPerInvocation());
    assertEquals(java.util.List.of("page-faults", "alloc-bytes"),
        s.events().stream().map(EventSpec::name).toList());
    assertEquals(java.util.List.of("vmexit.intel-kvm-default.MSR_WRITE"),
        s.derived().stream().map(EventSpec::name).toList());
    // total = 50 per invocation of 100 ops = 0.5 per op
    assertTrue(s.budgets().contains(new Budget("vmexit.intel-kvm-default.MSR_WRITE", 0.5)));
    assertEquals(2.0, s.maxRegressions().get(0).percent());
  }

  /** What warms up by time by default: time, scheduling and timed exits, measured, not simulated. */
  @Test
  void measuresTimeWhenATimeMetricIsDeclaredAndMeasured() throws Exception {
    assertTrue(PerfTestSpec.of(method("defaults"), Settings.none()).measuresTime()); // task-clock
    assertTrue(PerfTestSpec.of(method("haltExits"), Settings.none()).measuresTime());
    assertTrue(PerfTestSpec.of(method("good"), Settings.none()).measuresTime()); // page faults
    assertFalse(PerfTestSpec.of(method("work"), Settings.none()).measuresTime()); // counts of work
    assertFalse(PerfTestSpec.of(method("simulated"), Settings.none()).measuresTime());
    assertFalse(PerfTestSpec.of(method("defaults"), Settings.of(Map.of("countersign.mode", "sim")
        ::get)).measuresTime());
  }

  @Test
  void defaultEventsWhenNoneNamed() throws Exception {
    PerfTestSpec s = PerfTestSpec.of(method("defaults"), Settings.none());
    assertEquals(PerfTestSpec.DEFAULT_EVENTS, s.events().stream().map(EventSpec::name).toList());
  }

  @Test
  void simulatedDefaultsAreWhatTheSimulatorCounts() throws Exception {
    // no task-clock or context-switches, which would be UNAVAILABLE in every simulated test
    PerfTestSpec s = PerfTestSpec.of(method("defaults"), Settings.of(Map.of("countersign.mode",
        "sim")::get));
    assertEquals(List.of("instructions", "page-faults", "alloc-bytes"),
        s.events().stream().map(EventSpec::name).toList());
    assertFalse(s.measuresTime());
  }

  @Test
  void systemPropertiesOverride() throws Exception {
    Map<String, String> props = Map.of("countersign.iterations", "3", "countersign.mode", "SIM",
        "countersign.warmup", "0");
    PerfTestSpec s = PerfTestSpec.of(method("good"), Settings.of(props::get));
    assertEquals(3, s.iterations());
    assertEquals(0, s.warmup());
    assertEquals(Mode.SIM, s.mode());
  }

  @Test
  void reportsEveryProblemAtOnce() throws Exception {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("bad"), Settings.none()));
    String m = e.getMessage();
    assertTrue(m.contains("Samples.bad"), m);
    assertTrue(m.contains("iterations is 0"), m);
    assertTrue(m.contains("warmup is -1"), m);
    assertTrue(m.contains("unknown event 'instructons'"), m);
    assertTrue(m.contains("Valid events"), m);
    assertTrue(m.contains("percent is NaN"), m);
  }

  @Test
  void badPropertyIsNamed() throws Exception {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("good"), Settings.of(Map.of("countersign.iterations", "lots")::get)));
    assertTrue(e.getMessage().contains("countersign.iterations='lots'"), e.getMessage());
    InvalidPerfTestException mode = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("good"), Settings.of(Map.of("countersign.mode", "pmu")::get)));
    assertTrue(mode.getMessage().contains("unknown mode 'pmu'"), mode.getMessage());
  }

  @Test
  void exitBudgetNeedsExactlyOneLimit() throws Exception {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("exitBudgetWithoutLimit"), Settings.none()));
    assertTrue(e.getMessage().contains("exactly one of perOp and total"), e.getMessage());
  }
}
