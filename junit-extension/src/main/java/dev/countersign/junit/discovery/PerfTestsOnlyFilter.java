package dev.countersign.junit.discovery;

import dev.countersign.settings.Settings;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
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
    return PerfTestMethods.isPerfTest(descriptor.getSource())
        ? FilterResult.included("a @PerfTest")
        : FilterResult.excluded("not a @PerfTest, and " + Settings.PERF_TESTS_ONLY + " is set");
  }
}
