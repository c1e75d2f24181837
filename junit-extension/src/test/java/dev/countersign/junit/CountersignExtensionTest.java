package dev.countersign.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.BuildId;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs {@code @PerfTest} methods through the real JUnit Jupiter engine. */
class CountersignExtensionTest {

  @TempDir Path dir;

  /** Workloads run by the engine under test, not by this test class's own engine. */
  static class Workloads {
    static int calls;
    static Object sink;

    @PerfTest(warmup = 3, iterations = 8, opsPerInvocation = 4)
    @CounterBudget(event = "alloc-bytes", perOp = 100_000)
    void allocates() {
      calls++;
      Object[] keep = new Object[4];
      for (int i = 0; i < 4; i++) {
        keep[i] = new byte[4096];
      }
      sink = keep;
    }

    @PerfTest(warmup = 1, iterations = 5)
    @CounterBudget(event = "alloc-bytes", perOp = 10)
    void overBudget() {
      sink = new byte[64 * 1024];
    }

    @PerfTest
    @CounterBudget(event = "no-such-event", perOp = 1)
    void unknownEvent() {}

    @PerfTest(warmup = 0, iterations = 2, forks = 2)
    void failsInFork() {
      throw new IllegalStateException("broken in fork " + System.getProperty("countersign.forkIndex"));
    }

    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    @ParameterizedTest
    @ValueSource(ints = {1024, 65536})
    void sized(int bytes) {
      calls++;
      sink = new byte[bytes];
    }

    @PerfTest(warmup = 0, iterations = 2, events = "alloc-bytes")
    @RepeatedTest(3)
    void repeated() {
      calls++;
    }

    @PerfTest(warmup = 0, iterations = 2)
    @TestFactory
    java.util.stream.Stream<DynamicTest> factory() {
      return java.util.stream.Stream.of(DynamicTest.dynamicTest("a", () -> { }));
    }

    /** 240 characters: the longest a Java method name in a file name of 255 bytes could be. */
    @PerfTest(warmup = 0, iterations = 2, events = "alloc-bytes")
    void allocatesAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNameAVeryLongMethodNamexxx() {
      sink = new byte[16];
    }

    /**
     * 200 calls: past JDK 17's 15 reflective calls after which Method.invoke makes a class, and
     * past the 128 after which java.lang.invoke customizes a non-constant method handle.
     */
    @PerfTest(warmup = 0, iterations = 200, events = "alloc-bytes")
    void allocatesNothing() {}

    @PerfTest(warmup = 0, iterations = 3)
    void throwsOnSecondCall() {
      if (++calls == 2) {
        throw new IllegalStateException("workload failed");
      }
    }
  }

  private Events run(String method) {
    return run(method, "");
  }

  private Events run(String method, String parameterTypes) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, method, parameterTypes))
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .execute()
        .testEvents();
  }

  /** The results of the build started last in the results directory (none without a build). */
  private List<TestResult> latestResults() {
    ResultsDirectory results = new ResultsDirectory(dir);
    return results.latest().map(b -> results.build(b).readAll()).orElse(List.of());
  }

  /**
   * The harness's call of the method allocates nothing in any invocation: through {@code
   * Method.invoke} the 16th call on JDK 17 generated an accessor class, about 11 kB inside that
   * invocation's window (a mean of 64 B per invocation over a run of ~180); through a method
   * handle, its 128th call spun a customized form, about 13 kB.
   */
  @Test
  void noInvocationCarriesTheHarnesssCallOfTheMethod() {
    run("allocatesNothing").assertStatistics(s -> s.succeeded(1));
    double[] alloc = latestResults().get(0).metric("alloc-bytes").orElseThrow().values();
    assertEquals(200, alloc.length);
    for (int i = 0; i < alloc.length; i++) {
      // alloc-bytes is JVM-wide: allow some housekeeping of other threads, far below 11-13 kB
      assertTrue(alloc[i] < 2048, "invocation " + i + " allocated " + alloc[i] + " B");
    }
  }

  @Test
  void eachEngineRunWithoutABuildIdIsABuildOfItsOwn() throws Exception {
    run("allocates").assertStatistics(s -> s.succeeded(1));
    BuildId first = new ResultsDirectory(dir).latest().orElseThrow();
    Thread.sleep(2); // ids are minted to the millisecond
    run("allocates").assertStatistics(s -> s.succeeded(1));
    BuildId second = new ResultsDirectory(dir).latest().orElseThrow();
    assertTrue(!first.equals(second), first + " then " + second);
    assertEquals(1, new ResultsDirectory(dir).build(first).readAll().size());
    assertEquals(1, latestResults().size(), "the second run's folder holds its result only");
  }

  @Test
  void aGivenBuildIdNamesTheFolderOfTheResults() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, "allocates"))
        .configurationParameter(BuildId.PROPERTY, "ci-4711")
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .execute()
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertEquals(new BuildId("ci-4711"), new ResultsDirectory(dir).latest().orElseThrow());
    assertEquals(1, new ResultsDirectory(dir).build(new BuildId("ci-4711")).readAll().size());
  }

  @Test
  void aBuildIdThatCannotNameAFolderFailsTheTestSayingWhatIsValid() {
    Events e = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, "allocates"))
        .configurationParameter(BuildId.PROPERTY, "../elsewhere")
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .execute()
        .testEvents();
    e.assertStatistics(s -> s.failed(1));
    String msg = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
    assertTrue(msg.contains("countersign.buildId is '../elsewhere'"), msg);
    assertTrue(msg.contains("letters, digits"), msg);
  }

  @Test
  void runsWarmupPlusIterationsAndWritesTheResult() {
    Workloads.calls = 0;
    run("allocates").assertStatistics(s -> s.succeeded(1));
    assertEquals(3 + 8, Workloads.calls);
    List<TestResult> all = latestResults();
    assertEquals(1, all.size());
    TestResult r = all.get(0);
    assertEquals("CountersignExtensionTest.Workloads.allocates", r.test().key());
    MetricSeries alloc = r.metric("alloc-bytes").orElseThrow();
    assertEquals(8, alloc.perOp().size());
    // each op allocates one 4 KiB array (plus a header); the invocation one Object[4]
    double median = alloc.perOp().stream().sorted().toList().get(4);
    assertTrue(median >= 4096 && median < 4096 + 200, "alloc-bytes per op " + median);
  }

  /**
   * Settings given only as JUnit configuration parameters (as junit-platform.properties and
   * Surefire's configurationParameters give them; EngineTestKit passes no system properties)
   * take effect: iterations and the results directory.
   */
  @Test
  void settingsComeFromJUnitConfigurationParameters() {
    Path elsewhere = dir.resolve("from-configuration-parameters");
    Workloads.calls = 0;
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, "allocates"))
        .configurationParameter("junit.jupiter.conditions.deactivate", "*")
        .configurationParameter(Settings.ITERATIONS, "5")
        .configurationParameter(Settings.RESULTS_DIR, elsewhere.toString())
        .execute()
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    assertEquals(3 + 5, Workloads.calls);
    ResultsDirectory results = new ResultsDirectory(elsewhere);
    List<TestResult> all = results.build(results.latest().orElseThrow()).readAll();
    assertEquals(1, all.size());
    assertEquals(5, all.get(0).metric("alloc-bytes").orElseThrow().perOp().size());
  }

  /** Each invocation is measured as a test of its own, keyed by its arguments. */
  @Test
  void parameterizedPerfTestIsMeasuredPerInvocation() {
    Workloads.calls = 0;
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Events e;
    System.setOut(new PrintStream(out, true, UTF_8));
    try {
      e = run("sized", "int");
    } finally {
      System.setOut(console);
    }
    e.assertStatistics(s -> s.succeeded(2).failed(0));
    assertEquals(1, e.skipped().count(), "the plain @Test run of the template is skipped");
    // JUnit warns at discovery that the method has competing annotations: the log says why
    String reason = e.skipped().stream().findFirst().orElseThrow().getPayload(String.class)
        .orElseThrow();
    assertTrue(reason.startsWith("Workloads.sized: @PerfTest (a @Test) on a test template is"
        + " measured per invocation") && reason.contains("competing annotations")
        && reason.contains("expected"), reason);
    String log = out.toString(UTF_8);
    assertEquals(1, log.lines().filter(l -> l.equals("[countersign] " + reason)).count(), log);
    assertEquals(2 * (1 + 3), Workloads.calls);
    Map<String, TestResult> byMethod = new TreeMap<>();
    latestResults().forEach(r -> byMethod.put(r.test().methodName(), r));
    assertEquals(Set.of("sized[1_1024]", "sized[2_65536]"), byMethod.keySet());
    assertEquals("CountersignExtensionTest.Workloads.sized[2_65536]",
        byMethod.get("sized[2_65536]").test().key());
    double small = median(byMethod.get("sized[1_1024]"));
    double large = median(byMethod.get("sized[2_65536]"));
    assertTrue(small >= 1024 && small < 1024 + 200, "1 KiB invocation: " + small);
    assertTrue(large >= 65536 && large < 65536 + 200, "64 KiB invocation: " + large);
  }

  @Test
  void repeatedPerfTestIsMeasuredPerRepetition() {
    Workloads.calls = 0;
    run("repeated").assertStatistics(s -> s.succeeded(3).failed(0));
    assertEquals(3 * 2, Workloads.calls);
    assertEquals(Set.of("repeated[repetition_1_of_3]", "repeated[repetition_2_of_3]",
            "repeated[repetition_3_of_3]"),
        latestResults().stream().map(r -> r.test().methodName())
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void testFactoryIsAClearError() {
    Events e = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, "factory"))
        .configurationParameter("junit.jupiter.conditions.deactivate", "*")
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .execute()
        .containerEvents();
    Throwable t = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertTrue(t instanceof InvalidPerfTestException, t.toString());
    assertTrue(t.getMessage().contains("Workloads.factory: dynamic tests are not measured"),
        t.getMessage());
    assertTrue(t.getMessage().contains("@ParameterizedTest"), t.getMessage());
  }

  @Test
  void aMethodNameOf240CharactersGetsAResultFileWithinTheFileSystemsLimit() throws Exception {
    String name = java.util.Arrays.stream(Workloads.class.getDeclaredMethods())
        .map(java.lang.reflect.Method::getName).filter(n -> n.length() == 240)
        .findFirst().orElseThrow();
    run(name).assertStatistics(s -> s.succeeded(1));
    List<TestResult> all = latestResults();
    assertEquals(1, all.size());
    assertEquals(name, all.get(0).test().methodName());
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path f : files.toList()) {
        assertTrue(f.getFileName().toString().getBytes(UTF_8)
            .length <= 240, f.toString());
      }
    }
  }

  private static double median(TestResult r) {
    List<Double> v = r.metric("alloc-bytes").orElseThrow().perOp().stream().sorted().toList();
    return v.get(v.size() / 2);
  }

  @Test
  void brokenBudgetFailsTheTestWithMeasuredAndBudget() {
    Events e = run("overBudget");
    e.assertStatistics(s -> s.failed(1));
    String msg = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
    assertTrue(msg.contains("alloc-bytes"), msg);
    assertTrue(msg.contains("> budget 10 per op"), msg);
    // the result is written even so, for check to show it
    assertEquals(1, latestResults().size());
  }

  /** As under prepare-agent with check later in the build: the test passes, check fails the build. */
  @Test
  void deferredBudgetLeavesTheVerdictToCheck() {
    Events e = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Workloads.class, "overBudget"))
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .configurationParameter(Settings.DEFER_BUDGETS, "true")
        .execute()
        .testEvents();
    e.assertStatistics(s -> s.succeeded(1).failed(0));
    String entry = e.reportingEntryPublished().stream()
        .map(x -> x.getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
            .orElseThrow().getKeyValuePairs().get("countersign.deferredBudget"))
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    assertTrue(entry != null && entry.contains("> budget 10 per op")
        && entry.contains("countersign:check will fail the build"), String.valueOf(entry));
    TestResult r = latestResults().get(0);
    assertEquals(10, r.budgets().get(0).limitPerOp(), "check judges the budget from the result");
  }

  @Test
  void unknownEventFailsBeforeRunningWithTheValidNames() {
    Events e = run("unknownEvent");
    e.assertStatistics(s -> s.failed(1));
    Throwable t = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertTrue(t instanceof InvalidPerfTestException, t.toString());
    assertTrue(t.getMessage().contains("unknown event 'no-such-event'"), t.getMessage());
    assertTrue(t.getMessage().contains("Valid events"), t.getMessage());
    assertTrue(latestResults().isEmpty());
  }

  @Test
  void failingForkFailsTheTestWithTheForksOutput() {
    Events e = run("failsInFork");
    e.assertStatistics(s -> s.failed(1));
    String msg = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
    assertTrue(msg.contains("Workloads.failsInFork: fork 1 of 2 failed"), msg);
    assertTrue(msg.contains("broken in fork 1"), msg);
  }

  @Test
  void workloadFailureFailsTheTestWithItsOwnException() {
    Workloads.calls = 0;
    Events e = run("throwsOnSecondCall");
    e.assertStatistics(s -> s.failed(1));
    Throwable t = e.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertEquals("workload failed", t.getMessage());
    assertTrue(latestResults().isEmpty());
  }
}
