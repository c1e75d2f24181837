package dev.countersign.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

  @Test
  void parsesEveryFamily() {
    assertEquals(EventKind.HARDWARE, EventCatalog.parse("instructions").kind());
    assertEquals(EventKind.HW_CACHE, EventCatalog.parse("L1-dcache-load-misses").kind());
    assertEquals(EventKind.HW_CACHE, EventCatalog.parse("LLC-load-misses").kind());
    assertEquals(EventKind.HW_CACHE, EventCatalog.parse("dTLB-load-misses").kind());
    assertEquals(EventKind.SOFTWARE, EventCatalog.parse("context-switches").kind());
    assertEquals(EventKind.RAW, EventCatalog.parse("r01c2").kind());
    assertEquals(EventKind.RAW, EventCatalog.parse("cpu/event=0xc2,umask=0x01/").kind());
    assertEquals(EventKind.JVM, EventCatalog.parse("alloc-bytes").kind());
    assertEquals(EventKind.VMEXIT, EventCatalog.parse("vmexit.intel-kvm-default.MSR_WRITE").kind());
  }

  @Test
  void unitsFollowTheEvent() {
    assertEquals("ns", EventCatalog.parse("task-clock").unit());
    assertEquals("bytes", EventCatalog.parse("alloc-bytes").unit());
    assertEquals("count", EventCatalog.parse("page-faults").unit());
  }

  @Test
  void aliasesBecomeCanonicalNames() {
    assertEquals("page-faults", EventCatalog.parse("faults").name());
    assertEquals("cycles", EventCatalog.parse("cpu-cycles").name());
    assertEquals("context-switches", EventCatalog.parse("cs").name());
  }

  @Test
  void tracepointKeepsItsFilter() {
    EventSpec e = EventCatalog.parse("msr:write_msr[msr == 0x830]");
    assertEquals(EventKind.TRACEPOINT, e.kind());
    assertEquals("msr:write_msr", e.name());
    assertEquals(Optional.of("msr == 0x830"), e.filter());
    assertEquals("msr:write_msr[msr == 0x830]", e.qualifiedName());
  }

  @Test
  void unknownNameListsValidOnesAndSuggests() {
    UnknownEventException e =
        assertThrows(UnknownEventException.class, () -> EventCatalog.parse("instructons"));
    assertTrue(e.getMessage().contains("did you mean 'instructions'"), e.getMessage());
    assertTrue(e.getMessage().contains("Valid events"), e.getMessage());
    assertTrue(e.getMessage().contains("page-faults"), e.getMessage());
  }

  @Test
  void unknownExitReasonIsNamed() {
    UnknownEventException e = assertThrows(UnknownEventException.class,
        () -> EventCatalog.parse("vmexit.intel-kvm-default.MSR_READ"));
    assertTrue(e.getMessage().contains("MSR_READ"), e.getMessage());
    assertTrue(e.getMessage().contains("MSR_WRITE"), e.getMessage());
  }

  @Test
  void cacheEventNamesFollowPerfSpelling() {
    assertTrue(EventCatalog.cacheEventNames().contains("L1-dcache-loads"));
    assertTrue(EventCatalog.cacheEventNames().contains("L1-dcache-prefetches"));
    assertTrue(EventCatalog.cacheEventNames().contains("iTLB-load-misses"));
    assertEquals(7 * 3 * 2, EventCatalog.cacheEventNames().size());
  }
}
