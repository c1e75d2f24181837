package dev.countersign.junit.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.countersign.junit.PerfTest;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * {@code compare} runs its rounds with {@code countersign.perfTestsOnly=true}: the launcher must
 * then discover the {@code @PerfTest}s of a class and nothing else, and not touch a class that has
 * none. Discovered by a real launcher over the fixture classes below (their names do not match
 * Surefire's includes, so the build does not run them itself).
 */
class PerfTestsOnlyFilterTest {

  static class Mixed {
    @PerfTest
    void measured() {}

    @PerfTest
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void sized(int n) {}

    @Test
    void plain() {}

    @TestFactory
    List<DynamicTest> generated() {
      return List.of(DynamicTest.dynamicTest("d", () -> {}));
    }
  }

  static class PlainOnly {
    static final AtomicBoolean SET_UP = new AtomicBoolean();

    @BeforeAll
    static void setUp() {
      SET_UP.set(true);
    }

    @Test
    void plain() {}
  }

  private static Launcher launcher(boolean active) {
    return LauncherFactory.create(LauncherConfig.builder()
        .enablePostDiscoveryFilterAutoRegistration(false)
        .addPostDiscoveryFilters(new PerfTestsOnlyFilter(active))
        .build());
  }

  private static LauncherDiscoveryRequest request(Class<?>... classes) {
    LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> c : classes) {
      b.selectors(selectClass(c));
    }
    return b.build();
  }

  private static Set<String> methods(TestPlan plan) {
    Set<String> names = new TreeSet<>();
    List<TestIdentifier> todo = new ArrayList<>(plan.getRoots());
    while (!todo.isEmpty()) {
      TestIdentifier id = todo.remove(todo.size() - 1);
      id.getSource().filter(MethodSource.class::isInstance)
          .ifPresent(s -> names.add(((MethodSource) s).getMethodName()));
      todo.addAll(plan.getChildren(id));
    }
    return names;
  }

  @Test
  void keepsOnlyThePerfTestsOfAClassWhenActive() {
    TestPlan plan = launcher(true).discover(request(Mixed.class, PlainOnly.class));
    assertEquals(Set.of("measured", "sized"), methods(plan));
  }

  @Test
  void keepsEverythingWhenInactive() {
    TestPlan plan = launcher(false).discover(request(Mixed.class, PlainOnly.class));
    assertEquals(Set.of("measured", "sized", "plain", "generated"), methods(plan));
  }

  @Test
  void aClassWithoutPerfTestsIsNotInitialisedOrRun() {
    PlainOnly.SET_UP.set(false);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher(true).execute(request(PlainOnly.class), summary);
    assertFalse(PlainOnly.SET_UP.get(), "@BeforeAll of a class left without tests ran");
    assertEquals(0, summary.getSummary().getTestsStartedCount());

    launcher(false).execute(request(PlainOnly.class), summary);
    assertTrue(PlainOnly.SET_UP.get(), "the fixture itself runs when the filter is off");
  }

  @Test
  void isRegisteredForTheLaunchersServiceLoader() {
    boolean found = false;
    for (PostDiscoveryFilter f : ServiceLoader.load(PostDiscoveryFilter.class)) {
      found |= f instanceof PerfTestsOnlyFilter;
    }
    assertTrue(found, "META-INF/services does not name the filter");
  }
}
