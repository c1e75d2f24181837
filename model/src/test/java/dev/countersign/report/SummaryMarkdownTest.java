package dev.countersign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Environment;
import dev.countersign.results.ResultStore;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryMarkdownTest {

  @TempDir Path dir;

  @Test
  void listsOnlyNotableVerdictsWorstFirstWithLinks() {
    CheckReport report = ReportFixture.check(dir);
    String md = SummaryMarkdown.render(report, "report.html");
    List<String> rows = md.lines().filter(l -> l.startsWith("| [")).toList();
    assertEquals(8, rows.size(), md);
    assertTrue(rows.get(0).contains("alloc-bytes") && rows.get(0).endsWith("| **REGRESSION** |"), rows.get(0));
    assertTrue(rows.get(0).contains("(report.html#t0)"));
    assertTrue(rows.get(0).contains("+97.95%"), rows.get(0));
    assertFalse(md.contains("UNCHANGED |"), "unchanged rows are left out");
    assertFalse(md.contains("context-switches"), "unchanged rows are left out");
    assertTrue(md.contains("| instructions | 900 | 1,188 | - | - | - | **INCOMPARABLE** |"), md);
    assertTrue(md.startsWith("### Countersign: FAILED — 8 of 13 checks need attention"), md);
    assertTrue(md.contains("Measured on AMD EPYC 7B13, 2 CPUs, kvm, mode auto."), md);
    assertTrue(md.contains("baseline measured with another CPU: Intel(R) Xeon(R) Platinum 8375C"), md);
    assertFalse(md.contains("AMD EPYC 7B13 64-Core"),
        "the same kind of CPU, named differently by another host, is not flagged");
  }

  /**
   * A check of one test class's {@code methods}, each with a baseline measured on {@code
   * baselineEnv} and a result measured on {@link ReportFixture#CUR_ENV}, both of 64 B/op; the
   * files record no agents (ReportFixture's configuration), as the format before the meaning was.
   */
  private CheckReport checkOf(String className, List<String> methods, Environment baselineEnv) {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    ResultStore results = new ResultStore(dir.resolve("results"));
    Random rnd = new Random(7);
    for (String method : methods) {
      TestId id = new TestId(className, method, method + "()");
      baselines.promote(ReportFixture.result(id, baselineEnv, List.of(
          ReportFixture.noisy("alloc-bytes", Source.JVM, "bytes", 64, 1, rnd)), List.of()), 1);
      results.write(ReportFixture.result(id, ReportFixture.CUR_ENV, List.of(
          ReportFixture.noisy("alloc-bytes", Source.JVM, "bytes", 64, 1, rnd)), List.of()));
    }
    return new Check(Comparators.standard()).run(results, baselines, CheckSettings.defaults());
  }

  @Test
  void aFirstRunSaysToRecordTheBaselinesRatherThanThatEverythingNeedsAttention() {
    ResultStore results = new ResultStore(dir.resolve("results"));
    Random rnd = new Random(3);
    for (String method : List.of("a", "b", "c")) {
      results.write(ReportFixture.result(new TestId("dev.example.NewPerfTest", method,
          method + "()"), ReportFixture.CUR_ENV, List.of(
          ReportFixture.noisy("alloc-bytes", Source.JVM, "bytes", 64, 1, rnd)), List.of()));
    }
    CheckReport report = new Check(Comparators.standard())
        .run(results, new BaselineStore(dir.resolve("baselines")), CheckSettings.defaults());
    String md = SummaryMarkdown.render(report, "report.html");
    assertTrue(md.startsWith("### Countersign: passed — no baseline yet for 3 of 3 checks: record"
        + " them with `mvn countersign:baseline` and commit src/test/countersign/\n"), md);
  }

  /**
   * The first regression of CPU time against a one-run baseline is INCONCLUSIVE; summary.md (a pull
   * request's comment) says why and what to do, as the build log's footnote does (seen on
   * commons-lang: the row alone left a first user guessing).
   */
  @Test
  void anInconclusiveRowSaysWhyAndWhatToDo() {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    ResultStore results = new ResultStore(dir.resolve("results"));
    Random rnd = new Random(11);
    TestId id = new TestId("dev.example.ReplacePerfTest", "replace", "replace()");
    baselines.promote(ReportFixture.result(id, ReportFixture.CUR_ENV, List.of(
        ReportFixture.noisy("task-clock", Source.KERNEL, "ns", 1_000, 20, rnd)), List.of()), 1);
    results.write(ReportFixture.result(id, ReportFixture.CUR_ENV, List.of(
        ReportFixture.noisy("task-clock", Source.KERNEL, "ns", 1_300, 20, rnd)), List.of()));
    CheckReport report =
        new Check(Comparators.standard()).run(results, baselines, CheckSettings.defaults());
    String md = SummaryMarkdown.render(report, "report.html");
    assertTrue(md.contains("| task-clock | "), md);
    assertTrue(md.contains("| INCONCLUSIVE |"), md);
    String note = md.lines().filter(l -> l.startsWith("- ReplacePerfTest.replace"
        + " task-clock: ")).findFirst().orElse("");
    assertTrue(note.contains("the baseline is one run, so its between-run noise is unknown")
        && note.contains("countersign.history=5") && note.contains("countersign:compare"), md);
  }

  @Test
  void aForeignBaselineIsFlaggedOncePerBuildWithTheTestsItConcerns() {
    CheckReport report = checkOf("dev.example.ManyPerfTest", List.of("a", "b", "c", "d", "e"),
        ReportFixture.BASE_ENV);
    String md = SummaryMarkdown.render(report, "report.html");
    List<String> flags = md.lines().filter(l -> l.startsWith("- ⚠")).toList();
    assertEquals(1, flags.size(), md);
    assertTrue(flags.get(0).contains("another CPU: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"
        + " (baseline) vs AMD EPYC 7B13 (current) (5 tests, e.g. "), flags.get(0));
    // the build log says the same, once
    List<String> log = Reports.write(report, dir.resolve("out"), Map.of()).environmentWarnings();
    assertEquals(1, log.size(), log.toString());
    assertTrue(flags.get(0).endsWith(log.get(0)), flags.get(0) + " / " + log.get(0));
  }

  @Test
  void aBaselineOfThisMachineGivesTheLogNoWarning() {
    CheckReport report = checkOf("dev.example.HomePerfTest", List.of("a", "b"),
        ReportFixture.CUR_ENV);
    assertEquals(List.of(),
        Reports.write(report, dir.resolve("out"), Map.of()).environmentWarnings());
  }

  @Test
  void theOldBaselineNoteIsInTheSummaryOnceAndOnlyForOldBaselines() {
    CheckReport report = checkOf("dev.example.OldPerfTest", List.of("a", "b"),
        ReportFixture.CUR_ENV);
    List<String> notes = SummaryMarkdown.render(report, "report.html").lines()
        .filter(l -> l.startsWith("- ℹ")).toList();
    assertEquals(List.of("- ℹ " + SummaryMarkdown.cell(report.notes().get(0))), notes);
    assertTrue(notes.get(0).startsWith("- ℹ 2 baseline(s) were recorded before Countersign"
        + " recorded what a number means"), notes.get(0));

    TestResult current = ReportFixture.result(new TestId("dev.example.OldPerfTest", "a", "a()"),
        ReportFixture.CUR_ENV, List.of(), List.of());
    BaselineStore fresh = new BaselineStore(dir.resolve("fresh"));
    fresh.promote(new TestResult(current.schemaVersion(), current.test(),
        current.configuration().withAgents(List.of()), current.environment(),
        List.of(ReportFixture.noisy("alloc-bytes", Source.JVM, "bytes", 64, 1, new Random(8))
            .withCode(dev.countersign.results.MeasuredCode.PLAIN)), List.of(),
        List.of(), List.of()), 1);
    CheckReport recorded = new Check(Comparators.standard())
        .run(new ResultStore(dir.resolve("results")), fresh, CheckSettings.defaults());
    assertEquals(List.of(), recorded.notes());
    assertFalse(SummaryMarkdown.render(recorded, "report.html").contains("- ℹ"));
  }

  @Test
  void escapesNamesSoTheyStayInTheirCell() {
    String md = SummaryMarkdown.render(ReportFixture.check(dir), "report.html");
    assertFalse(md.contains("<script>"));
    assertTrue(md.contains("&lt;script&gt;"));
    assertEquals("a \\| b \\*c\\* &lt;i&gt;", SummaryMarkdown.cell("a | b *c* <i>"));
  }

  @Test
  void appendsToTheStepSummaryWhenSet() throws Exception {
    CheckReport report = ReportFixture.check(dir);
    Path step = dir.resolve("step-summary.md");
    Files.writeString(step, "earlier step\n");
    List<Path> written = Reports.writeAll(report, dir.resolve("out"),
        Map.of(Reports.STEP_SUMMARY, step.toString()));
    assertTrue(written.contains(step));
    Reports.writeAll(report, dir.resolve("out"), Map.of(Reports.STEP_SUMMARY, step.toString()));
    String text = Files.readString(step);
    assertTrue(text.startsWith("earlier step\n### Countersign: FAILED"), text);
    assertEquals(2, text.split("### Countersign:", -1).length - 1, "appended once per check");
    assertEquals(Files.readString(dir.resolve("out/summary.md")) + "\n",
        text.substring(text.lastIndexOf("### Countersign:")));
  }

  @Test
  void leavesNoStepSummaryWhenUnset() {
    List<Path> written = Reports.writeAll(ReportFixture.check(dir), dir.resolve("out"), Map.of());
    assertEquals(List.of("report.json", "report.html", "summary.md", "bencher.json",
        "jmh-result.json"), written.stream().map(p -> p.getFileName().toString()).toList());
  }
}
