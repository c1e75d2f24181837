package dev.countersign.runner;

import java.lang.reflect.Method;

/** One invocation of the measured method. */
@FunctionalInterface
public interface Workload {
  void invoke() throws Throwable;

  /**
   * A call of {@code method} on {@code target} (null for a static method) with {@code args}, made
   * once: no allocation per call, and the same code from the first call to the last (no class is
   * spun at any call, as {@code Method.invoke} does at its 16th on JDK 17 and a non-constant
   * method handle at its 128th). The method's own exceptions are thrown
   * as they are, not wrapped.
   *
   * @throws IllegalAccessException when the method cannot be made accessible
   */
  static Workload of(Method method, Object target, Object[] args) throws IllegalAccessException {
    return MethodCall.of(method, target, args);
  }
}
