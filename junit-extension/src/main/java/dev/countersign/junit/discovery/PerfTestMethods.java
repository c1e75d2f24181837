package dev.countersign.junit.discovery;

import dev.countersign.junit.PerfTest;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Whether a node of a JUnit test plan is a {@code @PerfTest}, judged by the method its source
 * names. For the launcher's filters and listeners, which see test sources, not Jupiter's methods.
 */
public final class PerfTestMethods {

  private PerfTestMethods() {}

  /** Whether {@code source} names a method annotated {@code @PerfTest}; false without a method. */
  public static boolean isPerfTest(Optional<TestSource> source) {
    return method(source).filter(m -> AnnotationSupport.isAnnotated(m, PerfTest.class)).isPresent();
  }

  private static Optional<Method> method(Optional<TestSource> source) {
    if (source.isEmpty() || !(source.get() instanceof MethodSource ms)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ms.getJavaMethod());
    } catch (RuntimeException notLoadable) {
      // a method source another engine named by class and method name only, whose class or
      // parameter types do not load here: not a method this extension could have run
      return Optional.empty();
    }
  }
}
