package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every instruction the agent instruments throws, instrumented, what it throws without the agent:
 * the same exception type, the same message (the helpful NPE message names the user's variable,
 * {@code because "counts" is null}) and the same frames down to the reflective call, none of them
 * the simulator's — counting or not.
 */
class ExceptionFidelityTest {

  private static Class<?> instrumented;

  @BeforeAll
  static void load() throws Exception {
    instrumented = new InstrumentedLoader("simfixture.").loadClass("simfixture.Throwing");
  }

  static Stream<String> cases() {
    return Arrays.stream(simfixture.Throwing.CASES);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameTypeMessageAndFrames(String name) throws Exception {
    Throwable original = thrown(simfixture.Throwing.class, name);
    assertOutcome(name, original, thrown(instrumented, name));
    Machine m = Machine.create(CpuProfile.zen4Server());
    m.begin();
    Throwable counted;
    try {
      counted = thrown(instrumented, name);
    } finally {
      m.end();
    }
    assertOutcome(name, original, counted);
  }

  @org.junit.jupiter.api.Test
  void nullArrayStoreNamesTheUserVariableAtTheUserFrame() throws Exception {
    Throwable t = thrown(instrumented, "nullIntArrayStore");
    assertNotNull(t);
    assertEquals(NullPointerException.class, t.getClass());
    assertEquals("Cannot store to int array because \"counts\" is null", t.getMessage());
    assertEquals("simfixture.Throwing", t.getStackTrace()[0].getClassName());
    assertEquals("nullIntArrayStore", t.getStackTrace()[0].getMethodName());
  }

  private static void assertOutcome(String name, Throwable expected, Throwable actual) {
    if (expected == null) {
      assertEquals(null, actual, name + " threw instrumented only");
      return;
    }
    assertNotNull(actual, name + " did not throw instrumented: " + expected);
    assertEquals(expected.getClass(), actual.getClass(), name);
    assertEquals(expected.getMessage(), actual.getMessage(), name);
    StackTraceElement[] e = userFrames(expected);
    StackTraceElement[] a = userFrames(actual);
    assertEquals(Arrays.toString(e), Arrays.toString(a), name + ": frames");
    for (StackTraceElement f : a) {
      assertTrue(!f.getClassName().startsWith("dev.countersign."), name + ": " + f);
    }
  }

  /** The frames from the throwing one down to the fixture's method (JDK frames included). */
  private static StackTraceElement[] userFrames(Throwable t) {
    StackTraceElement[] all = t.getStackTrace();
    int end = 0;
    while (end < all.length && !all[end].getClassName().equals("simfixture.Throwing")) {
      end++;
    }
    StackTraceElement[] frames = Arrays.copyOf(all, Math.min(all.length, end + 1));
    // the class loader differs (the instrumented copy is a second definition): compare the rest
    return Arrays.stream(frames)
        .map(f -> new StackTraceElement(f.getClassName(), f.getMethodName(), f.getFileName(),
            f.getLineNumber()))
        .toArray(StackTraceElement[]::new);
  }

  private static Throwable thrown(Class<?> type, String name) throws Exception {
    try {
      type.getMethod(name).invoke(null);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }
}
