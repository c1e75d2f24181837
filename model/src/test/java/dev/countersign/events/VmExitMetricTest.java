package dev.countersign.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** VM-exit metric names: built and parsed in one place, the overhead included. */
class VmExitMetricTest {

  @Test
  void everyReasonAndTheOverheadRoundTrip() {
    for (VmExitReason r : VmExitReason.values()) {
      VmExitMetric m = VmExitMetric.exits("intel-kvm-default", r);
      assertEquals("vmexit.intel-kvm-default." + r.name(), m.name());
      assertEquals(Optional.of(m), VmExitMetric.parse(m.name()));
      assertEquals("count", m.unit());
    }
    VmExitMetric overhead = VmExitMetric.parse("vmexit.amd-kvm-default.overhead-ns").orElseThrow();
    assertTrue(overhead.isOverhead());
    assertEquals("amd-kvm-default", overhead.host());
    assertEquals("ns", overhead.unit());
    assertEquals("vmexit.amd-kvm-default.overhead-ns", VmExitMetric.overhead("amd-kvm-default")
        .name());
  }

  @Test
  void otherNamesAndUnknownReasonsAreNoVmExitMetric() {
    assertEquals(Optional.empty(), VmExitMetric.parse("page-faults"));
    assertEquals(Optional.empty(), VmExitMetric.parse("vmexit.intel-kvm-default"));
    assertEquals(Optional.empty(), VmExitMetric.parse("vmexit.Intel.HLT"));
    // the form, but no such reason: EventCatalog names the valid ones
    assertEquals(Optional.empty(), VmExitMetric.parse("vmexit.intel-kvm-default.NOPE"));
    assertTrue(VmExitMetric.hasSyntax("vmexit.intel-kvm-default.NOPE"));
    assertFalse(VmExitMetric.hasSyntax("vmexit.intel-kvm-default.nope"));
    UnknownEventException e = assertThrows(UnknownEventException.class,
        () -> EventCatalog.parse("vmexit.intel-kvm-default.NOPE"));
    assertTrue(e.getMessage().contains("unknown exit reason 'NOPE'")
        && e.getMessage().contains("MSR_WRITE"), e.getMessage());
  }

  @Test
  void theCatalogGivesTheUnitOfBoth() {
    assertEquals("ns", EventCatalog.parse("vmexit.intel-kvm-default.overhead-ns").unit());
    assertEquals("count", EventCatalog.parse("vmexit.intel-kvm-default.PAUSE").unit());
    assertEquals(EventKind.VMEXIT, EventCatalog.parse("vmexit.intel-kvm-default.ANY").kind());
  }
}
