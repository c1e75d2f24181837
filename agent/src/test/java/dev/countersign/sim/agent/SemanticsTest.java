package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Instrumented code computes and throws exactly what the original does, counted or not. */
class SemanticsTest {

  @Test
  void resultsAndExceptionsAreUnchanged() throws Exception {
    String expected = simfixture.Semantics.run();
    Class<?> instrumented = TestLoaders.instrumented("simfixture.Semantics");
    assertEquals(expected, instrumented.getMethod("run").invoke(null), "not counting");
    Machine m = Machine.create(CpuProfile.zen4Server());
    m.begin();
    Object counted;
    try {
      counted = instrumented.getMethod("run").invoke(null);
    } finally {
      m.end();
    }
    assertEquals(expected, counted, "counting");
    assertTrue(expected.contains("aioobe;ase;npe;npe2;"), expected);
    // int[2][3][4]: the outer array 24, two int[3][] of 32, six int[4] of 32 bytes
    assertTrue(m.total(Counter.ALLOC_BYTES) >= 24 + 2 * 32 + 6 * 32, "multianewarray counted");
  }
}
