package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;

/**
 * Turns off the JDK's reflection inflation, so that no reflective call's count depends on how many
 * reflective calls of the same method ran before. Up to JDK 17 a {@code Method.invoke} or {@code
 * Constructor.newInstance} runs a native accessor 15 times, and the 16th call generates a bytecode
 * accessor ({@code MethodAccessorGenerator}): about 72 000 instructions of instrumented JDK code
 * ({@code MessageDigest.getInstance}'s provider look-up, for example), in whichever measured
 * invocation makes that call. With the threshold at its maximum the native accessor stays, and a
 * reflective call costs the same every time. JDK 18 and later invoke through method handles (no
 * inflation, no such field): nothing to do. Performance only: the instrumented JVM's time is never
 * measured (plain and instrumented passes), and the behaviour of the call is the same.
 */
final class ReflectionInflation {

  private static final String FACTORY = "jdk.internal.reflect.ReflectionFactory";

  private ReflectionInflation() {}

  /** Disables inflation in this JVM if it has it; returns whether it did. */
  static boolean disable(Instrumentation inst) {
    Class<?> factory;
    Field threshold;
    try {
      factory = Class.forName(FACTORY);
      threshold = factory.getDeclaredField("inflationThreshold");
    } catch (ClassNotFoundException | NoSuchFieldException e) {
      return false; // method-handle based reflection (JDK 18+)
    }
    Module base = factory.getModule();
    inst.redefineModule(base, Set.of(), Map.of(), Map.of("jdk.internal.reflect",
        Set.of(ReflectionInflation.class.getModule())), Set.of(), Map.of());
    try {
      threshold.setAccessible(true);
      threshold.setInt(null, Integer.MAX_VALUE);
      return true;
    } catch (IllegalAccessException | RuntimeException e) {
      return false;
    }
  }
}
