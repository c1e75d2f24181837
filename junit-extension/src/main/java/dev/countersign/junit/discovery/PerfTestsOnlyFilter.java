package dev.countersign.junit.discovery;

import dev.countersign.junit.PerfTest;
import dev.countersign.settings.Settings;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * With {@value Settings#PERF_TESTS_ONLY}{@code =true}, keeps only the {@code @PerfTest} methods of a
 * test plan; otherwise keeps everything. Registered for the JUnit Platform launcher through {@code
 * META-INF/services}, so it is present in every test JVM that has Countersign on its class path,
 * and inert unless the property is set.
 *
 * <p>The launcher asks it about the leaves of the discovered tree (test methods, test templates
 * such as a {@code @ParameterizedTest}, test factories) and prunes the classes left without tests,
 * so their class-level callbacks do not run either. A leaf counts as a {@code @PerfTest} when its
 * method carries the annotation; a leaf without a method (other engines' tests) never does.
 */
public final class PerfTestsOnlyFilter implements PostDiscoveryFilter {

  private final boolean active;

  /** The filter the launcher loads: active when the system property says so. */
  public PerfTestsOnlyFilter() {
    this(Settings.systemProperties().flag(Settings.PERF_TESTS_ONLY, false));
  }

  PerfTestsOnlyFilter(boolean active) {
    this.active = active;
  }

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (!active) {
      return FilterResult.included(Settings.PERF_TESTS_ONLY + " is off");
    }
    if (!descriptor.isTest() && !descriptor.mayRegisterTests()) {
      return FilterResult.included("a container: pruned by the launcher when left empty");
    }
    return method(descriptor.getSource())
        .filter(m -> AnnotationSupport.isAnnotated(m, PerfTest.class))
        .map(m -> FilterResult.included("a @PerfTest"))
        .orElseGet(() -> FilterResult.excluded("not a @PerfTest, and " + Settings.PERF_TESTS_ONLY
            + " is set"));
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
