package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckReport;
import dev.countersign.report.HeadlessChromium;
import dev.countersign.report.Reports;
import dev.countersign.results.Fixtures;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Correction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison's report.html, opened in the real headless Chromium: its two sides are A and B with
 * the refs compared, never "Baseline" and "Current" (there is no baseline in an A/B run), and its
 * method line is compare's.
 */
class CompareReportBrowserTest {

  @TempDir static Path dir;
  static String dom;
  static String summary;

  private static Map<String, TestResult> round(int k, double allocBytes) {
    List<Double> perOp = new ArrayList<>();
    List<Double> time = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      perOp.add(allocBytes);
      time.add(1000.0 + 3 * ((i * 7 + k) % 10));
    }
    TestResult r = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("auto", 5, 10, 1, 1), Fixtures.environment(),
        List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes", perOp),
            new MetricSeries("task-clock", Source.KERNEL, "ns", time)),
        List.of(), List.of(), List.of(), List.of());
    return Map.of(Compare.idOf(Fixtures.TEST), r);
  }

  @BeforeAll
  static void writeReport() throws Exception {
    List<Map<String, TestResult>> a = new ArrayList<>();
    List<Map<String, TestResult>> b = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      a.add(round(k, 4096));
      b.add(round(k, 8192));
    }
    CheckReport report = new CompareJudge(new CompareSettings("origin/main", 6, 5,
        Correction.HOLM, true)).judge(a, b,
        new BaseRevision("origin/main", "0123456789abcdef", "merge base of HEAD and origin/main"),
        "working tree", "HEAD 89abcdef01, with its uncommitted changes");
    Reports.writeAll(report, dir.resolve("out"), Map.of());
    Path page = dir.resolve("out/report.html");
    HeadlessChromium chromium = HeadlessChromium.require(dir);
    HeadlessChromium.Run run = chromium.dumpDom(page, "");
    assertEquals(List.of(), run.consoleLines(), "the page logged to the console");
    dom = run.stdout();
    summary = Files.readString(dir.resolve("out/summary.md"));
  }

  @Test
  void theVerdictTableNamesTheSidesAAndBWithTheirRefs() {
    Matcher head = Pattern.compile("<table class=\"verdicts\">\\s*<thead><tr>(.*?)</tr>",
        Pattern.DOTALL).matcher(dom);
    assertTrue(head.find(), dom);
    String headings = head.group(1);
    assertTrue(headings.contains(">A: origin/main</th>"), headings);
    assertTrue(headings.contains(">B: working tree</th>"), headings);
    assertFalse(headings.contains("Baseline") || headings.contains("Current"), headings);
  }

  @Test
  void theHeaderSaysWhatAAndBAre() {
    assertTrue(dom.contains("<p class=\"sides\">A = origin/main (0123456789, merge base of HEAD"
        + " and origin/main) · B = working tree (HEAD 89abcdef01, with its uncommitted changes)"
        + "</p>"), dom);
  }

  @Test
  void plotsAndEnvironmentSayAAndB() {
    assertTrue(dom.contains("<h3>Distributions: A and B</h3>"), dom);
    assertTrue(dom.contains("<text x=\"4\" y=\"30.00\" class=\"lbl\">A</text>")
        || Pattern.compile("class=\"lbl\">A</text>").matcher(dom).find(), dom);
    assertTrue(Pattern.compile("class=\"lbl\">B</text>").matcher(dom).find(), dom);
    assertTrue(dom.contains("<title>A and B samples (bytes/op)</title>"), dom);
    assertTrue(dom.contains("<th>field</th><th>A</th><th>B</th>"), dom);
    // both sides pooled over the 6 rounds alike: not one round of A against six of B
    assertTrue(dom.contains("<tr><th>iterations</th><td>60</td><td>60</td></tr>"), dom);
    assertTrue(dom.contains("<tr><th>forks</th><td>6</td><td>6</td></tr>"), dom);
    assertFalse(dom.contains(">baseline<") || dom.contains(">current<")
        || dom.contains("Distributions: baseline"), "a side is still called baseline/current");
  }

  @Test
  void theMethodLineIsCompares() {
    Matcher footer = Pattern.compile("<footer>(.*?)</footer>", Pattern.DOTALL).matcher(dom);
    assertTrue(footer.find(), dom);
    String method = footer.group(1);
    assertTrue(method.startsWith("Comparison: A/B against origin/main (0123456789, merge base of"
        + " HEAD and origin/main): 6 round(s) of fresh JVMs"), method);
    assertTrue(method.contains("paired t-test on the log ratios"), method);
    assertFalse(method.contains("bootstrap") || method.contains("Mann"), method);
  }

  @Test
  void theSummaryNamesTheSidesToo() {
    assertTrue(summary.contains("| Test | Metric | A: origin/main/op | B: working tree/op |"),
        summary);
  }
}
