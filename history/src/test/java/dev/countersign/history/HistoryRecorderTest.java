package dev.countersign.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Fixtures;
import dev.countersign.results.JvmAgent;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.results.ResultStore;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook behind check: what it records, and that a broken store is only a warning. */
class HistoryRecorderTest {

  @TempDir Path dir;
  private CheckReport report;
  private final BuildInfo build = new BuildInfo("com.example:queue", "b1", "abc", "main",
      Instant.parse("2026-12-01T10:00:00Z"));

  @BeforeEach
  void check() {
    ResultStore results = new ResultStore(dir.resolve("results"));
    results.write(Fixtures.result(List.of(80.0, 81.0, 79.0)));
    report = new Check(Comparators.standard())
        .run(results, new BaselineStore(dir.resolve("baselines")), CheckSettings.defaults());
  }

  @Test
  void recordsEveryMeasuredSeriesWithItsVerdictAndSamples() throws Exception {
    StoreLocation loc = new StoreLocation("jdbc:sqlite:" + dir.resolve("h.db"), Optional.empty(),
        Optional.empty());
    HistoryRecorder.Outcome o = HistoryRecorder.record(Optional.of(loc), build, report);
    assertFalse(o.warning(), o.message());
    assertTrue(o.message().contains("recorded build b1 (abc on main, 1 series)"), o.message());
    try (HistoryStore store = HistoryStore.open(loc)) {
      List<SeriesKey> keys = store.series("com.example:queue");
      assertEquals(1, keys.size());
      SeriesKey k = keys.get(0);
      assertEquals("com.example.QueuePerfTest.offerPoll", k.test());
      assertEquals("QueuePerfTest.offerPoll", k.testKey());
      assertEquals("alloc-bytes", k.metric());
      assertEquals("bytes", k.unit());
      assertEquals(EnvironmentFingerprint.of(Fixtures.environment()).id(), k.environment());
      TrendPoint p = store.trend(k, 10, Optional.empty()).get(0);
      assertEquals(80.0, p.median());
      assertEquals(3, p.samples());
      assertEquals(Verdict.NO_BASELINE, p.verdict());
    }
    HistoryRecorder.Outcome again = HistoryRecorder.record(Optional.of(loc), build, report);
    assertTrue(again.message().contains("already in"), again.message());
  }

  @Test
  void anUnreachableStoreIsAWarningWithTheReasonAndTheResultsStay() throws Exception {
    StoreLocation loc = new StoreLocation("jdbc:postgresql://127.0.0.1:9/nowhere",
        Optional.of("ci"), Optional.of("secret"));
    HistoryRecorder.Outcome o = HistoryRecorder.record(Optional.of(loc), build, report);
    assertTrue(o.warning());
    assertTrue(o.message().startsWith("Countersign history: not recorded (the verdict is"
        + " unaffected): cannot open"), o.message());
    assertTrue(o.message().contains("127.0.0.1:9"), o.message());
    assertFalse(o.message().contains("secret"), o.message());
    assertEquals(1, Files.list(dir.resolve("results")).count());
  }

  @Test
  void aCountWithoutKernelModeOrWithAnotherAgentIsAnotherTrend() {
    java.util.function.BiFunction<KernelCounting, List<JvmAgent>, SeriesKey> keyOf = (k, agents) -> {
      TestResult r = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
          new RunConfiguration("perf", 5, 3, 1000, 1, agents), Fixtures.environment(),
          List.of(new MetricSeries("page-faults", Source.KERNEL, "count", List.of(1.0, 1.0, 1.0),
              List.of(), List.of(), k, null, agents == null ? MeasuredCode.INSTRUMENTED
                  : MeasuredCode.PLAIN)), List.of(), List.of(), List.of());
      CheckReport one = new CheckReport(List.of(), "-", CheckSettings.defaults(), List.of(r),
          java.util.Map.of());
      return HistoryEntries.of("m:m", one).entries().get(0).key();
    };
    SeriesKey counted = keyOf.apply(KernelCounting.COUNTED, List.of());
    SeriesKey excluded = keyOf.apply(KernelCounting.EXCLUDED, List.of());
    SeriesKey jacoco = keyOf.apply(KernelCounting.COUNTED,
        List.of(new JvmAgent(JvmAgent.Kind.JAVAAGENT, "org.jacoco.agent-runtime")));
    SeriesKey instrumented = keyOf.apply(KernelCounting.COUNTED, null);
    assertEquals("kernel=counted; code=plain", counted.meaning());
    assertEquals("kernel=excluded; code=plain", excluded.meaning());
    assertTrue(jacoco.meaning().startsWith("kernel=counted; code=plain; agents="),
        jacoco.meaning());
    assertEquals("kernel=counted; code=instrumented", instrumented.meaning());
    assertEquals(4, java.util.Set.of(counted, excluded, jacoco, instrumented).size());
    assertTrue(excluded.label().contains("[kernel, kernel=excluded; code=plain, count, env "),
        excluded.label());
  }

  @Test
  void offIsSaidOnce() {
    HistoryRecorder.Outcome o = HistoryRecorder.record(Optional.empty(), build, report);
    assertFalse(o.warning());
    assertTrue(o.message().contains("countersign.history.url=none"), o.message());
  }
}
