package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuProfileTest {

  @Test
  void defaultIsZen4AndNamesResolveCaseInsensitively() {
    assertEquals("zen4-server", CpuProfile.named(null).name());
    assertEquals("zen4-server", CpuProfile.named(" ").name());
    assertEquals("sapphire-rapids-server", CpuProfile.named("Sapphire-Rapids-Server").name());
  }

  @Test
  void unknownProfileListsTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CpuProfile.named("486"));
    assertTrue(e.getMessage().contains("[zen4-server, sapphire-rapids-server]"), e.getMessage());
  }

  @Test
  void cyclesConvertToTscTicksAtTheRatioOfTheClocks() {
    CpuProfile p = CpuProfile.zen4Server();
    assertEquals(2400, p.ticks(3500));
  }

  @Test
  void cacheGeometryMustHaveAPowerOfTwoNumberOfSets() {
    assertEquals(64, new CacheGeometry(32 * 1024, 8, 64).sets());
    assertEquals(16, CacheGeometry.tlb(64, 4, 4096).sets());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CacheGeometry(48 * 1024, 8, 64));
    assertTrue(e.getMessage().contains("power-of-two number of sets"), e.getMessage());
  }
}
