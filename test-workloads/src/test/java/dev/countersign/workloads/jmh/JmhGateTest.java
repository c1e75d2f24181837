package dev.countersign.workloads.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.jmh.CountersignProfiler;
import dev.countersign.report.Reports;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Environments;
import dev.countersign.results.JmhResults;
import dev.countersign.results.ResultStore;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Real JMH runs of {@link RecordEncoderBenchmark} with the Countersign profiler attached: the
 * secondary metrics are there, and the JSON gated by {@code check} passes for the unchanged code
 * and fails for the regressed twin.
 */
class JmhGateTest {

  static final Path DIR = Path.of("target/jmh-gate");
  static final String KEY = "RecordEncoderBenchmark.encode[thrpt]";
  static final String EVENTS = "alloc-bytes,gc-count,task-clock";

  static Collection<RunResult> baseRun;
  static String baseConsole;
  static Path baseJson;
  static Path sameJson;
  static Path regressedJson;

  @BeforeAll
  static void runBenchmarks() throws Exception {
    Files.createDirectories(DIR);
    // JMH's machine-wide lock (/tmp/jmh.lock) guards timing from concurrent runs; this test checks
    // the gate's verdicts with a wide threshold, not timings, so it may share the machine
    System.setProperty("jmh.ignoreLock", "true");
    baseJson = DIR.resolve("base.json");
    sameJson = DIR.resolve("same.json");
    regressedJson = DIR.resolve("regressed.json");
    // the forked benchmark JVM's console reaches the test JVM's System.out: keep a copy
    PrintStream original = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeOutputStream(original, console), true, UTF_8));
    try {
      baseRun = run(baseJson, "none");
    } finally {
      System.setOut(original);
    }
    baseConsole = console.toString(UTF_8);
    run(sameJson, "none");
    run(regressedJson, "allocation");
  }

  /**
   * The benchmark JVM's options: this JVM's without the simulator's {@code -javaagent} (JMH's
   * default is to copy them all), so that the fork measures plain code, as a JMH user's run does,
   * and does not pay the agent's start-up and instrumentation (about 14 s of the three runs here).
   */
  static List<String> forkOptions(String regressed) {
    List<String> options = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-javaagent:")) {
        options.add(a);
      }
    }
    options.add("-Dcountersign.workloads.regressed=" + regressed);
    options.add("-Xmx256m");
    return options;
  }

  static Collection<RunResult> run(Path json, String regressed) throws Exception {
    Options opts = new OptionsBuilder()
        .include(RecordEncoderBenchmark.class.getName() + ".encode")
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.milliseconds(200))
        .measurementIterations(8).measurementTime(TimeValue.milliseconds(200))
        .jvmArgs(forkOptions(regressed).toArray(String[]::new))
        .addProfiler(CountersignProfiler.class, "events=" + EVENTS)
        .resultFormat(ResultFormatType.JSON).result(json.toString())
        .output(json.toString().replace(".json", ".log"))
        .build();
    return new Runner(opts).run();
  }

  @Test
  void benchmarkJvmRunsWithoutTheSimulatorsAgent() throws Exception {
    String log = Files.readString(DIR.resolve("base.log"));
    String options = log.lines().filter(l -> l.startsWith("# VM options:")).findFirst()
        .orElseThrow(() -> new AssertionError("no VM options in JMH's log:\n" + log));
    assertTrue(options.contains("-Dcountersign.workloads.regressed=none"), options);
    assertFalse(options.contains("-javaagent:"), options);
  }

  @Test
  void profilerAddsCountersPerOpAsSecondaryResults() throws Exception {
    RunResult rr = baseRun.iterator().next();
    Map<String, Result> secondary = rr.getAggregatedResult().getSecondaryResults();
    Result alloc = secondary.get("countersign.alloc-bytes");
    assertTrue(alloc != null, "no countersign.alloc-bytes in " + secondary.keySet());
    assertEquals("B/op", alloc.getScoreUnit());
    // each op encodes 100 records into a fresh 64-byte array (80 bytes with the array header)
    assertTrue(alloc.getScore() >= 100 * 64 && alloc.getScore() < 100 * 200,
        "alloc per op " + alloc.getScore());
    assertTrue(secondary.containsKey("countersign.gc-count"), secondary.keySet().toString());
    // until the perf_event_open engine is merged, task-clock cannot be measured: it must say so
    assertTrue(secondary.containsKey("countersign.task-clock")
            || baseConsole.contains("# Countersign profiler: task-clock UNAVAILABLE"),
        "task-clock neither measured nor reported unavailable:\n" + baseConsole);
  }

  @Test
  void unchangedBenchmarkPassesTheGate() {
    CheckReport report = gate(sameJson);
    assertEquals(List.of(), report.failures(), String.join("\n", report.rows().toString()));
    assertEquals(Verdict.UNCHANGED, verdict(report, "countersign.alloc-bytes"));
    // a time on a shared machine: equal, or not shown to differ; never a change either way
    assertTrue(Set.of(Verdict.UNCHANGED, Verdict.INCONCLUSIVE).contains(verdict(report, "score")),
        () -> "score: " + verdict(report, "score"));
  }

  @Test
  void regressedTwinFailsTheGate() {
    CheckReport report = gate(regressedJson);
    assertEquals(Verdict.REGRESSION, verdict(report, "countersign.alloc-bytes"));
    assertNotEquals(Verdict.IMPROVEMENT, verdict(report, "score"),
        "the regressed twin does more work per op; its throughput cannot improve");
    // the build fails naming the allocation metric (more allocation may also cost GCs and time)
    List<String> failed = report.failures().stream().map(CheckRow::metric).toList();
    assertTrue(failed.contains("countersign.alloc-bytes"), failed::toString);
    List<Path> written = Reports.writeAll(report, DIR.resolve("report"), Map.of());
    assertTrue(written.contains(DIR.resolve("report/report.html")));
  }

  private static CheckReport gate(Path current) {
    Path baselines = DIR.resolve("baselines-" + current.getFileName());
    BaselineStore store = new BaselineStore(baselines);
    for (TestResult r : JmhResults.read(List.of(baseJson), Environments.current())) {
      store.promote(r, 1);
    }
    // Wall-clock throughput on this shared 2-core machine moved by up to -48% between two runs of
    // the same code (444 vs 229 ops/ms), so the score is gated with a wide threshold here; the
    // regressed twin still fails on its allocation (+100%, exact). The direction of throughput
    // gating is tested with controlled samples in JmhResultsTest.
    CheckSettings settings = new CheckSettings(75.0, true, false);
    return new Check(Comparators.standard()).run(new ResultStore(DIR.resolve("no-results")),
        JmhResults.read(List.of(current), Environments.current()), store, settings);
  }

  private static Verdict verdict(CheckReport report, String metric) {
    return report.rows().stream()
        .filter(r -> r.test().equals(KEY) && r.metric().equals(metric))
        .map(CheckRow::verdict).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + metric + " in " + report.rows()));
  }

  /** Writes to two streams. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeOutputStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
