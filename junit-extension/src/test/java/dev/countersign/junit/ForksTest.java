package dev.countersign.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Real child JVMs through the JUnit Platform Launcher. */
class ForksTest {

  /** Run only through the test kit (and, in the forks, through ForkMain). */
  static final class Subject {
    static Object sink;

    @PerfTest(warmup = 1, iterations = 5, forks = 2, events = "alloc-bytes")
    void forked() {
      sink = new byte[4096];
    }

    @PerfTest(warmup = 0, iterations = 1, forks = 2, events = "alloc-bytes")
    void tooFewIterations() {}

    @PerfTest(warmup = 0, iterations = 2, forks = 2, events = "alloc-bytes")
    void readsAPropertySetAtRunTime() {
      // as Surefire's systemPropertyVariables are: set by its booter, not a JVM option
      if (!"set at run time".equals(System.getProperty(RUNTIME_PROPERTY))) {
        throw new IllegalStateException(RUNTIME_PROPERTY + " is "
            + System.getProperty(RUNTIME_PROPERTY));
      }
    }
  }

  static final String RUNTIME_PROPERTY = "forks.test.workload";

  @TempDir
  Path dir;

  private Events run(String method) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Subject.class, method))
        .configurationParameter(Settings.RESULTS_DIR, dir.resolve("results").toString())
        .execute()
        .testEvents();
  }

  @Test
  void iterationsAreSpreadOverFreshJvmsAndLabelledWithTheirFork() throws Exception {
    Events events = run("forked");
    events.assertStatistics(s -> s.succeeded(1).failed(0));
    ResultsDirectory root = new ResultsDirectory(dir.resolve("results"));
    var build = root.build(root.latest().orElseThrow());
    List<TestResult> results = build.readAll();
    assertEquals(1, results.size(), "the forks write elsewhere; one joined result");
    TestResult r = results.get(0);
    assertEquals(2, r.configuration().forks());
    assertEquals(5, r.configuration().iterations());
    MetricSeries alloc = r.metric("alloc-bytes").orElseThrow();
    assertEquals(List.of(1, 1, 1, 2, 2), alloc.fork());
    assertEquals(5, alloc.perOp().size());
    for (double v : alloc.values()) {
      assertTrue(v >= 4096, "each iteration allocates its 4 KiB array: " + v);
    }
    Path forks = build.dir().resolve("forks").resolve(r.test().fileName().replace(".json", ""));
    assertTrue(Files.exists(forks.resolve("fork-2.log")));
  }

  @Test
  void theForksSeeTheSystemPropertiesSetInThisJvm() {
    System.setProperty(RUNTIME_PROPERTY, "set at run time");
    try {
      run("readsAPropertySetAtRunTime").assertStatistics(s -> s.succeeded(1).failed(0));
    } finally {
      System.clearProperty(RUNTIME_PROPERTY);
    }
  }

  @Test
  void fewerIterationsThanForksIsAClearError() {
    Events events = run("tooFewIterations");
    events.assertStatistics(s -> s.failed(1));
    Throwable t = events.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertTrue(t.getMessage().contains("1 iterations cannot be spread over 2 forks"),
        t.getMessage());
  }
}
