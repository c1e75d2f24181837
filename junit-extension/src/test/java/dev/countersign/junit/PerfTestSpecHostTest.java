package dev.countersign.junit;

import dev.countersign.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.Budget;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The host check PerfTestSpec does on VM-exit metrics. */
class PerfTestSpecHostTest {

  /** Annotated methods read, never run (a static nested class is not discovered). */
  static class Fixtures {
    @PerfTest(iterations = 3, opsPerInvocation = 10)
    @VmExitBudget(reason = ExitReason.MSR_WRITE, perOp = 0.5, host = "amd-kvm-default")
    @VmExitBudget(reason = ExitReason.ANY, total = 20)
    void known() {}

    @PerfTest
    @VmExitBudget(reason = ExitReason.HLT, perOp = 1, host = "intel-kvm-dfault")
    void typo() {}

    @PerfTest(events = "vmexit.my-laptop.PAUSE")
    void unknownInEvents() {}

    @PerfTest
    void plain() {}
  }

  private static Method method(String name) throws NoSuchMethodException {
    return Fixtures.class.getDeclaredMethod(name);
  }

  @Test
  void knownHostsGiveBudgetsOnTheirMetrics() throws Exception {
    PerfTestSpec spec = PerfTestSpec.of(method("known"), Settings.none());
    assertTrue(spec.budgets().contains(new Budget("vmexit.amd-kvm-default.MSR_WRITE", 0.5)));
    assertTrue(spec.budgets().contains(new Budget("vmexit.intel-kvm-default.ANY", 2.0)));
    assertEquals(2, spec.derived().size());
  }

  @Test
  void anUnknownHostInABudgetIsAnErrorListingTheValidHosts() {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("typo"), Settings.none()));
    assertTrue(e.getMessage().contains("unknown host profile 'intel-kvm-dfault'"), e.getMessage());
    assertTrue(e.getMessage().contains("intel-kvm-default, intel-kvm-ipiv"), e.getMessage());
  }

  @Test
  void anUnknownHostInEventsIsAnErrorToo() {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(method("unknownInEvents"), Settings.none()));
    assertTrue(e.getMessage().contains("unknown host profile 'my-laptop'"), e.getMessage());
  }

  @Test
  void thePropertyAddsTheExitsOfItsHostsToEveryTest() throws Exception {
    PerfTestSpec plain = PerfTestSpec.of(Fixtures.class.getDeclaredMethod("plain"), Settings.none());
    assertTrue(plain.derived().isEmpty());
    PerfTestSpec spec = PerfTestSpec.of(Fixtures.class.getDeclaredMethod("plain"),
        Settings.of(k -> k.equals(PerfTestSpec.VMEXIT_HOSTS_PROPERTY)
            ? "intel-kvm-default, amd-kvm-default" : null));
    assertEquals(java.util.List.of("vmexit.intel-kvm-default.ANY", "vmexit.amd-kvm-default.ANY"),
        spec.derived().stream().map(e -> e.name()).toList());
    assertEquals(PerfTestSpec.DEFAULT_EVENTS.size(), spec.events().size(),
        "the default events are still measured");
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> PerfTestSpec.of(Fixtures.class.getDeclaredMethod("plain"),
            Settings.of(k -> k.equals(PerfTestSpec.VMEXIT_HOSTS_PROPERTY)
                ? "intel-kvm-default,nope" : null)));
    assertTrue(e.getMessage().contains("unknown host profile 'nope'"), e.getMessage());
  }
}
