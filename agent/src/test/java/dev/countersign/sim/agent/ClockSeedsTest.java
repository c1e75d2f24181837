package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The clock seeds {@link ClockSeeds} fixes, on the real classes: Jackson's byte-input symbol table
 * gets the same hash seed at any time once instrumented, a different one per millisecond without.
 */
class ClockSeedsTest {

  private static final String TABLE = "com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer";

  /** The hash seeds of two roots created a few milliseconds apart. */
  private static int[] seedsAcrossATick(Class<?> table) throws Exception {
    Method createRoot = table.getMethod("createRoot");
    Method hashSeed = table.getMethod("hashSeed");
    int first = (int) hashSeed.invoke(createRoot.invoke(null));
    long start = System.currentTimeMillis();
    while (System.currentTimeMillis() < start + 3) {
      Thread.sleep(1);
    }
    return new int[] {first, (int) hashSeed.invoke(createRoot.invoke(null))};
  }

  @Test
  void jacksonsSymbolTableHasTheSameSeedAtAnyTimeUnderTheAgent() throws Exception {
    int[] clock = seedsAcrossATick(Class.forName(TABLE));
    assertNotEquals(clock[0], clock[1], "without the agent the seed is the clock's");
    Class<?> instrumented = new InstrumentedLoader("com.fasterxml.jackson.core.").loadClass(TABLE);
    int[] fixed = seedsAcrossATick(instrumented);
    assertEquals(fixed[0], fixed[1]);
    assertEquals(1, fixed[0], "(0 + 0) | 1: the seed of a clock that reads 0");
  }

  @Test
  void shadedCopiesAreMatchedByTheirPackagesTailTheJdksByItsName() {
    assertTrue(new ClockSeeds.Rule("sym/ByteQuadsCanonicalizer", true, "createRoot", "x")
        .applies("shaded/jackson/core/sym/ByteQuadsCanonicalizer", "createRoot"));
    assertTrue(!new ClockSeeds.Rule("sym/ByteQuadsCanonicalizer", true, "createRoot", "x")
        .applies("shaded/jackson/core/xsym/ByteQuadsCanonicalizer", "createRoot"));
    assertTrue(!new ClockSeeds.Rule("java/util/Random", false, "<init>", "x")
        .applies("my/java/util/Random", "<init>"));
  }
}
