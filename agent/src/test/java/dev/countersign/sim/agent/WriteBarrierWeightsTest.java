package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reference field stores weigh G1's write barriers (OpcodeWeights): 7 instructions more than an
 * int store, 2 more for a constant null (no post-barrier), none in a constructor (C2 elides the
 * barriers of the object just allocated). Each figure is the difference of two loops that differ
 * only in the store, so it is exact.
 */
class WriteBarrierWeightsTest {

  private static final int N = 100;

  private static Class<?> stores;
  private static Object holder;

  @BeforeAll
  static void load() throws Exception {
    stores = new InstrumentedLoader("simfixture.").loadClass("simfixture.Stores");
    var c = Class.forName("simfixture.Stores$Holder", true, stores.getClassLoader())
        .getDeclaredConstructor();
    c.setAccessible(true);
    holder = c.newInstance();
  }

  private static long instructions(String method, Object... args) throws Throwable {
    return KnownBehaviourTest.measure(stores, method, args).total(Counter.INSTRUCTIONS);
  }

  @Test
  void aReferenceStoreCarriesPreAndPostBarrier() throws Throwable {
    assertEquals(N * (OpcodeWeights.PRE_BARRIER + OpcodeWeights.POST_BARRIER),
        instructions("storeReferences", holder, "x", N) - instructions("storeInts", holder, 1, N));
    assertEquals(7 * N, instructions("storeStaticReferences", "x", N)
        - instructions("storeStaticInts", 1, N));
  }

  @Test
  void aNullStoreCarriesThePreBarrierOnly() throws Throwable {
    assertEquals(N * OpcodeWeights.PRE_BARRIER,
        instructions("storeNulls", holder, N) - instructions("storeInts", holder, 1, N));
  }

  @Test
  void storesInAConstructorCarryNone() throws Throwable {
    assertEquals(0, instructions("constructWithReference", "x", N)
        - instructions("constructWithNull", N));
  }
}
