package dev.countersign.workloads.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.countersign.junit.PerfTest;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.results.VmExitFeed;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.SimRuntime;
import dev.countersign.workloads.Checksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Which pass measures which metric, with the real agent (Surefire starts this JVM with the
 * {@code -javaagent} of {@code prepare-agent}): the subject's invocations write a witness line
 * saying which JVM ran them and whether the subject's class carried the simulator's probes (the
 * agent's marker field), so each test sees where every invocation ran, not only what the result
 * file claims.
 */
class PlainPassTest {

  /** Passed on to every JVM the extension starts, as every {@code countersign.*} property. */
  static final String WITNESS = "countersign.test.witness";

  static final byte[] DATA = new byte[16 * 1024];

  static {
    new Random(7).nextBytes(DATA);
  }

  /** Run only through the launcher below (and, in the plain pass, through ForkMain). */
  static final class Subject {

    @PerfTest(warmup = 2, iterations = 5, events = {"task-clock", "context-switches",
        "page-faults", "alloc-bytes", "instructions", "cycles"})
    void auto() throws IOException {
      work();
    }

    @PerfTest(warmup = 2, iterations = 5, mode = "perf", events = {"task-clock", "instructions"})
    void perf() throws IOException {
      work();
    }

    @PerfTest(warmup = 2, iterations = 5, mode = "sim", events = {"instructions", "gc-count"})
    void sim() throws IOException {
      work();
    }

    @PerfTest(warmup = 2, iterations = 5, events = {"task-clock", "instructions"})
    @ParameterizedTest
    @ValueSource(ints = 1)
    void parameterized(int n) throws IOException {
      work();
    }

    private static void work() throws IOException {
      new Checksum(false).hash(DATA);
      boolean instrumented;
      try {
        Subject.class.getDeclaredField("$countersign$sim");
        instrumented = true;
      } catch (NoSuchFieldException e) {
        instrumented = false;
      }
      Files.writeString(Path.of(System.getProperty(WITNESS)),
          ProcessHandle.current().pid() + " " + instrumented + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  @TempDir Path dir;

  @BeforeAll
  static void agentIsAttached() {
    // 'mvn test' in a reactor has no agent jar yet: prepare-agent warns and attaches nothing
    assumeTrue(SimRuntime.installed() || SimRuntime.agentProblem() != null,
        "the agent is not attached (run 'mvn verify'; see prepare-agent's warning)");
    assertTrue(SimRuntime.installed(), "the agent is attached but off: " + SimRuntime.agentProblem());
  }

  private TestResult run(String method, Class<?>... parameters) throws IOException {
    // the invocations witnessed are the planned ones: no warm-up or measuring time (on by
    // default for tests that measure time), passed on to the plain pass's JVM as every countersign.*
    return run("0", method, parameters);
  }

  private TestResult run(String warmupTime, String method, Class<?>... parameters)
      throws IOException {
    Path witness = dir.resolve("witness.txt");
    System.setProperty(WITNESS, witness.toString());
    System.setProperty(Settings.WARMUP_TIME, warmupTime);
    System.setProperty(Settings.MEASURE_TIME, "0");
    try {
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request()
          .selectors(selectMethod(Subject.class, method, parameters))
          .configurationParameter(Settings.RESULTS_DIR, dir.resolve("results").toString())
          .build(), listener);
      java.io.StringWriter failures = new java.io.StringWriter();
      listener.getSummary().printFailuresTo(new java.io.PrintWriter(failures), 30);
      assertEquals(0, listener.getSummary().getTotalFailureCount(), failures.toString());
    } finally {
      System.clearProperty(WITNESS);
      System.clearProperty(Settings.WARMUP_TIME);
      System.clearProperty(Settings.MEASURE_TIME);
    }
    ResultsDirectory root = new ResultsDirectory(dir.resolve("results"));
    List<TestResult> results = root.build(root.latest().orElseThrow()).readAll();
    assertEquals(1, results.size(), results.toString());
    return results.get(0);
  }

  /** Per JVM that ran invocations: whether they ran instrumented, and how many there were. */
  private Map<Boolean, Long> witnessed() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("witness.txt"));
    Map<String, List<String>> byPid = lines.stream()
        .collect(Collectors.groupingBy(l -> l.split(" ")[0]));
    byPid.values().forEach(l -> assertEquals(1, l.stream().distinct().count(),
        "one JVM is either instrumented or not: " + l));
    return lines.stream().collect(Collectors.groupingBy(l -> Boolean.parseBoolean(
        l.split(" ")[1]), Collectors.counting()));
  }

  private static void assumeKernelCounts(TestResult r) {
    boolean required = "true".equals(System.getenv("COUNTERSIGN_REQUIRE_PERF"));
    if (!required) {
      assumeTrue(r.metric("task-clock").isPresent(), "perf_event_open refused here: "
          + r.unavailable());
    }
  }

  private static MetricSeries series(TestResult r, String name) {
    return r.metric(name).orElseThrow(() -> new AssertionError(name + " not measured: "
        + r.unavailable()));
  }

  @Test
  void autoMeasuresTimeKernelAndJvmMetricsOnPlainCodeAndTheSimulatorsOnInstrumentedCode()
      throws IOException {
    TestResult r = run("auto");
    assumeKernelCounts(r);
    // warm-up and iterations ran once in a JVM without the agent, once in this one
    assertEquals(Map.of(false, 7L, true, 7L), witnessed());
    for (String kernel : List.of("task-clock", "context-switches", "page-faults")) {
      MetricSeries s = series(r, kernel);
      assertEquals(Source.KERNEL, s.source(), kernel);
      assertEquals(MeasuredCode.PLAIN, s.code(), kernel);
      assertEquals(5, s.perOp().size(), kernel);
    }
    MetricSeries alloc = series(r, "alloc-bytes");
    assertEquals(Source.JVM, alloc.source());
    assertEquals(MeasuredCode.PLAIN, alloc.code());
    // no PMU on this VM: the simulator counts them, in this JVM, with the agent
    for (String simulated : List.of("instructions", "cycles")) {
      r.metric(simulated).filter(s -> s.source() == Source.SIM).ifPresent(s -> {
        assertNull(s.code(), simulated + ": the simulator's own values have no code");
        assertEquals(List.of(s.perOp().get(0)), s.perOp().stream().distinct().toList(),
            simulated + " is deterministic");
      });
      MetricSeries s = series(r, simulated);
      if (s.source() == Source.PMU) {
        assertEquals(MeasuredCode.PLAIN, s.code(), simulated + " from a PMU: plain code");
      }
    }
    // the VM-exit estimates test-workloads records for its hosts: the perf feed from the plain
    // pass's tracepoints, or the simulator's feed from this JVM's guest events
    List<MetricSeries> exits = r.metrics().stream().filter(m -> m.source() == Source.MODEL)
        .toList();
    assertFalse(exits.isEmpty(), "countersign.vmexitHosts is set for test-workloads");
    for (MetricSeries e : exits) {
      assertEquals(e.feed() == VmExitFeed.PERF ? MeasuredCode.PLAIN : null, e.code(), e.name());
    }
    assertTrue(r.unavailable().stream().noneMatch(u -> u.name().equals("instructions")),
        r.unavailable().toString());
  }

  @Test
  void thePlainPassWarmsUpByTimeAsAJvmWithoutTheAgentWouldTheSimulatorsPassByCount()
      throws IOException {
    TestResult r = run("300ms", "auto");
    assumeKernelCounts(r);
    Map<Boolean, Long> invocations = witnessed();
    // 300 ms of a 16 KiB checksum and a line appended: hundreds of invocations, not the planned 7
    assertTrue(invocations.get(false) > 50, "the plain pass measures time after the warm-up "
        + "time, not after the 2 planned warm-up invocations alone: " + invocations);
    assertEquals(7L, invocations.get(true), "simulated counts do not depend on the JIT");
    assertEquals(5, series(r, "task-clock").perOp().size());
  }

  @Test
  void perfMeasuresEverythingOnPlainCodeAndNothingInstrumented() throws IOException {
    TestResult r = run("perf");
    assumeKernelCounts(r);
    assertEquals(Map.of(false, 7L), witnessed());
    MetricSeries clock = series(r, "task-clock");
    assertEquals(MeasuredCode.PLAIN, clock.code());
    assertTrue(r.metrics().stream().noneMatch(m -> m.source() == Source.SIM), r.metrics()
        .toString());
    // a VM has no PMU: instructions stay unavailable with the kernel's reason, never simulated
    r.unavailable().stream().filter(u -> u.name().equals("instructions")).findFirst()
        .ifPresent(u -> assertFalse(u.reason().contains("sim:"), u.reason()));
  }

  @Test
  void simMeasuresEverythingInTheInstrumentedJvmAndSaysSo() throws IOException {
    TestResult r = run("sim");
    assertEquals(Map.of(true, 7L), witnessed());
    assertEquals(Source.SIM, series(r, "instructions").source());
    MetricSeries gc = series(r, "gc-count");
    assertEquals(Source.JVM, gc.source());
    assertEquals(MeasuredCode.INSTRUMENTED, gc.code());
  }

  @Test
  void aTestTemplateCannotRunInAJvmOfItsOwnItsTimeIsRecordedAsInstrumented()
      throws IOException {
    TestResult r = run("parameterized", int.class);
    assumeKernelCounts(r);
    assertEquals(Map.of(true, 7L), witnessed());
    assertEquals(MeasuredCode.INSTRUMENTED, series(r, "task-clock").code());
    assertEquals(Source.SIM, series(r, "instructions").source());
  }
}
