package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every catalogued perf event name has an encoding, distinct from every other one. */
class EventEncoderTest {

  private final EventEncoder encoder = new EventEncoder();

  @Test
  void everyGenericHardwareSoftwareAndCacheNameEncodes() throws Exception {
    Set<String> seen = new HashSet<>();
    int count = 0;
    for (List<String> names : List.of(EventCatalog.HARDWARE, EventCatalog.SOFTWARE,
        EventCatalog.cacheEventNames())) {
      for (String name : names) {
        EventSpec spec = EventCatalog.parse(name);
        PerfEventAttr attr = encoder.encode(spec);
        int expectedType = switch (spec.kind()) {
          case HARDWARE -> PerfEventAttr.TYPE_HARDWARE;
          case SOFTWARE -> PerfEventAttr.TYPE_SOFTWARE;
          default -> PerfEventAttr.TYPE_HW_CACHE;
        };
        assertEquals(expectedType, attr.type(), name);
        seen.add(attr.type() + ":" + attr.config());
        count++;
      }
    }
    assertEquals(count, seen.size(), "two names share an encoding");
  }

  @Test
  void perfSpellingsMapToTheUapiNumbers() throws Exception {
    assertEquals(1, config("instructions"));
    assertEquals(9, config("ref-cycles"));
    assertEquals(2, config("page-faults"));
    assertEquals(3, config("context-switches"));
    // LL | READ << 8 | MISS << 16
    assertEquals(0x10002, config("LLC-load-misses"));
    // DTLB | READ | MISS
    assertEquals(0x10003, config("dTLB-load-misses"));
    // L1D | WRITE << 8 | ACCESS
    assertEquals(0x100, config("L1-dcache-stores"));
    // BPU | PREFETCH << 8 | MISS
    assertEquals(0x10205, config("branch-prefetch-misses"));
  }

  private long config(String name) throws Exception {
    return encoder.encode(EventCatalog.parse(name)).config();
  }
}
