package dev.countersign.runner;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** One invocation of the measured method. */
@FunctionalInterface
public interface Workload {
  void invoke() throws Throwable;

  /**
   * A call of {@code method} on {@code target} (null for a static method) with {@code args},
   * through a method handle made once: no allocation per call, and the same code from the first
   * call to the last. Not {@code Method.invoke}: on JDK 17 its first 15 calls go through JNI and
   * the 16th generates an accessor class (about 11 kB allocated and 0.3 ms here, see
   * docs/perf-engine.md), which would land in one measured invocation. The method's own
   * exceptions are thrown as they are, not wrapped.
   *
   * @throws IllegalAccessException when the method cannot be made accessible
   */
  static Workload of(Method method, Object target, Object[] args) throws IllegalAccessException {
    method.setAccessible(true);
    MethodHandle handle = MethodHandles.lookup().unreflect(method);
    if (!Modifier.isStatic(method.getModifiers())) {
      handle = handle.bindTo(target);
    }
    MethodHandle call = handle.asSpreader(Object[].class, args.length)
        .asType(MethodType.methodType(void.class, Object[].class));
    Object[] bound = args.clone();
    return () -> {
      call.invokeExact(bound);
    };
  }
}
