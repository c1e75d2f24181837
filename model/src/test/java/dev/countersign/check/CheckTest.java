package dev.countersign.check;

import dev.countersign.results.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.BaselineStore;
import dev.countersign.results.CountersignFileException;
import dev.countersign.results.Fixtures;
import dev.countersign.results.ResultStore;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTest {

  @TempDir Path dir;
  ResultStore results;
  BaselineStore baselines;

  @BeforeEach
  void stores() {
    results = new ResultStore(dir.resolve("results"));
    baselines = new BaselineStore(dir.resolve("baselines"));
  }

  private CheckReport check() {
    return new Check(Comparators.standard()).run(results, baselines, CheckSettings.defaults());
  }

  private static List<Double> constant(double v, int n) {
    List<Double> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(v);
    }
    return l;
  }

  private CheckRow only(CheckReport r) {
    assertEquals(1, r.rows().size(), r.rows().toString());
    return r.rows().get(0);
  }

  @Test
  void noBaselinePasses() {
    results.write(Fixtures.result(constant(80, 10)));
    CheckRow row = only(check());
    assertEquals(Verdict.NO_BASELINE, row.verdict());
    assertTrue(check().failures().isEmpty());
  }

  @Test
  void requireBaselineFails() {
    results.write(Fixtures.result(constant(80, 10)));
    CheckReport r = new Check(Comparators.standard())
        .run(results, baselines, new CheckSettings(5, true, true));
    assertEquals(1, r.failures().size());
  }

  @Test
  void unchangedAndRegressedDeterministicMetric() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    results.write(Fixtures.result(constant(80, 10)));
    assertEquals(Verdict.UNCHANGED, only(check()).verdict());

    results.write(Fixtures.result(constant(81, 10))); // +1.25%, limit 2%
    assertEquals(Verdict.UNCHANGED, only(check()).verdict());

    results.write(Fixtures.result(constant(160, 10)));
    CheckRow row = only(check());
    assertEquals(Verdict.REGRESSION, row.verdict());
    assertEquals(100.0, row.changePercent(), 1e-9);
    assertEquals(1, check().failures().size());
  }

  @Test
  void differentSourcesAreNeverCompared() {
    baselines.promote(Fixtures.result(Fixtures.TEST, Source.PMU, "perf", constant(80, 10)), 1);
    results.write(Fixtures.result(Fixtures.TEST, Source.SIM, "sim", constant(80, 10)));
    CheckRow row = only(check());
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("-Dcountersign.mode=perf"), row.note());
    assertTrue(row.verdict().failsBuild());
  }

  @Test
  void baselineWithoutResultIsNotRun() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    results.write(Fixtures.result(new TestId("com.example.Other", "x", "x()"), Source.JVM, "auto",
        constant(1, 10)));
    CheckReport r = check();
    assertTrue(r.rows().stream().anyMatch(x -> x.verdict() == Verdict.NOT_RUN
        && x.test().equals("QueuePerfTest.offerPoll")), r.rows().toString());
    assertTrue(r.failures().isEmpty());
  }

  @Test
  void corruptBaselineStopsTheCheck() throws IOException {
    results.write(Fixtures.result(constant(80, 10)));
    Files.createDirectories(baselines.dir());
    Files.writeString(baselines.fileOf(Fixtures.TEST), "{");
    assertThrows(CountersignFileException.class, this::check);
  }

  @Test
  void tableIsAlignedAndNamesTheVerdict() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    TestResult r = Fixtures.result(constant(160, 10));
    results.write(r);
    List<String> lines = CheckTable.lines(check());
    assertTrue(lines.get(0).startsWith("TEST"), lines.toString());
    assertTrue(lines.get(1).contains("QueuePerfTest.offerPoll"), lines.toString());
    assertTrue(lines.get(1).contains("+100.00%"), lines.toString());
    assertTrue(lines.get(1).endsWith("REGRESSION"), lines.toString());
    assertEquals(lines.get(0).indexOf("VERDICT"), lines.get(1).indexOf("REGRESSION"));
  }

  @Test
  void logTablePutsWhatNeedsActionFirst() {
    TestId early = new TestId("com.example.AaaPerfTest", "quiet", "quiet()");
    TestId late = new TestId("com.example.ZzzPerfTest", "slower", "slower()");
    baselines.promote(Fixtures.result(early, Source.JVM, "auto", constant(80, 10)), 1);
    results.write(Fixtures.result(early, Source.JVM, "auto", constant(80, 10)));
    results.write(Fixtures.result(new TestId("com.example.BbbPerfTest", "fresh", "fresh()"),
        Source.JVM, "auto", constant(5, 10)));
    baselines.promote(Fixtures.result(late, Source.JVM, "auto", constant(80, 10)), 1);
    results.write(Fixtures.result(late, Source.JVM, "auto", constant(160, 10)));
    CheckReport report = check();
    List<String> lines = CheckTable.lines(report);
    String all = String.join("\n", lines);
    assertEquals(List.of("REGRESSION", "UNCHANGED", "NO BASELINE"), List.of(
        lines.get(1).replaceAll(".*  ", ""), lines.get(2).replaceAll(".*  ", ""),
        lines.get(3).replaceAll(".*  ", "").replaceAll(" \\[\\d+]", "")), all);
    assertTrue(lines.get(1).startsWith("ZzzPerfTest.slower"), all);
    assertTrue(lines.get(2).startsWith("AaaPerfTest.quiet"), "the rest keep test order: " + all);
    assertTrue(lines.get(3).contains("5"), "a first run still shows its value: " + all);
    assertEquals(3, report.rows().size(), "presentation only: every row is still reported");
  }

  @Test
  void logTableFoldsUndeclaredMetricsIntoOneCountedInfoRowPerTest() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    TestResult r = Fixtures.result(constant(80, 10));
    List<dev.countersign.results.MetricSeries> metrics = new ArrayList<>(r.metrics());
    List<String> undeclared = List.of("vmexit.intel-kvm-default.HLT",
        "vmexit.intel-kvm-default.MSR_WRITE", "task-clock");
    for (String name : undeclared) {
      metrics.add(new dev.countersign.results.MetricSeries(name,
          name.startsWith("vmexit.") ? Source.MODEL : Source.KERNEL, "count", constant(3, 10)));
    }
    results.write(new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        metrics, List.of(), List.of(), r.maxRegressions(), undeclared));
    CheckReport report = check();
    List<String> lines = CheckTable.lines(report);
    String all = String.join("\n", lines);
    // header, the declared metric, one INFO row for the three undeclared; its note; the method
    assertEquals(1 + 2 + 1 + 1, lines.size(), all);
    assertTrue(lines.get(1).endsWith("UNCHANGED"), all);
    assertTrue(lines.get(2).contains("(3 metrics)") && lines.get(2).contains("INFO [1]"), all);
    assertTrue(lines.get(3).contains("task-clock, vmexit.intel-kvm-default.{HLT,MSR_WRITE}"), all);
    assertEquals(3, report.rows().stream()
        .filter(x -> x.verdict() == Verdict.INFORMATIONAL).count(), "presentation only");
  }

  @Test
  void informationalMetricsAreShownButNeverGated() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    TestResult r = Fixtures.result(constant(80, 10));
    TestResult withInput = new TestResult(r.schemaVersion(), r.test(), r.configuration(),
        r.environment(),
        List.of(r.metrics().get(0), new dev.countersign.results.MetricSeries("task-clock",
            Source.KERNEL, "ns", constant(5000, 10))),
        List.of(), List.of(), r.maxRegressions(), List.of("task-clock"));
    results.write(withInput);
    CheckReport report = check();
    CheckRow info = report.rows().stream().filter(x -> x.metric().equals("task-clock"))
        .findFirst().orElseThrow();
    assertEquals(Verdict.INFORMATIONAL, info.verdict());
    assertTrue(report.failures().isEmpty());
  }

  @Test
  void logTableFoldsRepeatsAndKeepsEveryNameInItsNote() {
    TestResult r = Fixtures.result(constant(80, 10));
    List<dev.countersign.results.UnavailableMetric> blind = new ArrayList<>();
    for (String reason : List.of("PAUSE", "VMCALL", "IO_INSTRUCTION")) {
      blind.add(new dev.countersign.results.UnavailableMetric("vmexit.intel-kvm-default." + reason,
          Source.MODEL, ErrorCode.BLIND, "the perf feed cannot see " + reason, "use mode sim"));
    }
    List<dev.countersign.results.MetricSeries> metrics = new ArrayList<>(r.metrics());
    metrics.add(new dev.countersign.results.MetricSeries("vmexit.intel-kvm-default.HLT",
        Source.MODEL, "count", constant(0, 10)));
    metrics.add(new dev.countersign.results.MetricSeries("vmexit.intel-kvm-default.MSR_WRITE",
        Source.MODEL, "count", constant(0, 10)));
    results.write(new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        metrics, blind, List.of(), r.maxRegressions(),
        List.of("vmexit.intel-kvm-default.HLT", "vmexit.intel-kvm-default.MSR_WRITE",
            "vmexit.intel-kvm-default.PAUSE", "vmexit.intel-kvm-default.VMCALL",
            "vmexit.intel-kvm-default.IO_INSTRUCTION")));
    List<String> lines = CheckTable.lines(check());
    String all = String.join("\n", lines);
    // header + no-baseline row + one unavailable row + one zero row, then 3 notes and the method
    assertEquals(1 + 3 + 3 + 1, lines.size(), all);
    assertTrue(all.contains("(3 metrics)"), all);
    assertTrue(all.contains("vmexit.intel-kvm-default.{IO_INSTRUCTION,PAUSE,VMCALL}: BLIND"), all);
    assertTrue(all.contains("vmexit.intel-kvm-default.{HLT,MSR_WRITE}"), all);
  }

  @Test
  void declaredMetricTheBaselineHasButThisRunCannotMeasureFails() {
    baselines.promote(Fixtures.result(Fixtures.TEST, Source.SIM, "sim", constant(12, 10)), 1);
    TestResult r = Fixtures.result(Fixtures.TEST, Source.SIM, "sim", constant(12, 10));
    results.write(new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        List.of(),
        List.of(new dev.countersign.results.UnavailableMetric("alloc-bytes", Source.SIM,
            ErrorCode.NO_AGENT, "the simulator's agent is not attached", "add prepare-agent")),
        List.of(), r.maxRegressions()));
    CheckRow row = only(check());
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("the baseline has sim samples"), row.note());
    assertTrue(row.note().contains("NO_AGENT"), row.note());
    assertEquals(1, check().failures().size());
  }

  @Test
  void unavailableWithoutBaselineSamplesOnlyReports() {
    TestResult r = Fixtures.result(constant(12, 10));
    results.write(new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        List.of(),
        List.of(new dev.countersign.results.UnavailableMetric("cycles", Source.PMU, ErrorCode.ENOENT,
            "no PMU here", "use mode sim")),
        List.of(), List.of()));
    CheckRow row = only(check());
    assertEquals(Verdict.UNAVAILABLE, row.verdict());
    assertTrue(check().failures().isEmpty());
  }

  @Test
  void informationalRowsAreNotCalledForAttention() {
    baselines.promote(Fixtures.result(constant(80, 10)), 1);
    TestResult r = Fixtures.result(constant(80, 10));
    results.write(new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        r.metrics(),
        List.of(new dev.countersign.results.UnavailableMetric("vmexit.intel-kvm-default.PAUSE",
            Source.MODEL, ErrorCode.BLIND, "the perf feed cannot see spins", "use mode sim")),
        List.of(), r.maxRegressions(), List.of("vmexit.intel-kvm-default.PAUSE")));
    CheckReport report = check();
    CheckRow blind = report.rows().stream()
        .filter(x -> x.metric().equals("vmexit.intel-kvm-default.PAUSE")).findFirst().orElseThrow();
    assertEquals(Verdict.UNAVAILABLE, blind.verdict());
    assertTrue(report.informational(blind));
    String summary = dev.countersign.report.SummaryMarkdown.render(report, "report.html");
    assertTrue(!summary.contains("vmexit.intel-kvm-default.PAUSE"), summary);
  }
}
