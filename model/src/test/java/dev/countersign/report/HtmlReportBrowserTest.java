package dev.countersign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.CheckReport;
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

/** Opens the real report in headless Chromium and asserts on the DOM after the page's script ran. */
class HtmlReportBrowserTest {

  private static final Pattern ROW = Pattern.compile("<tr data-verdict=\"([A-Z_]+)\"( hidden=\"\")?>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern SECTION = Pattern.compile("<section class=\"test\"[^>]*data-test=\"([^\"]+)\"[^>]*?( hidden=\"\")?>(.*?)</section>", Pattern.DOTALL);
  private static final Pattern CELL_VALUE = Pattern.compile("<td[^>]*data-v=\"([^\"]*)\"");

  @TempDir static Path dir;
  static Path page;
  static String html;
  static HeadlessChromium chromium;

  @BeforeAll
  static void writeReport() throws Exception {
    CheckReport report = ReportFixture.check(dir);
    Reports.writeAll(report, dir.resolve("out"), Map.of());
    page = dir.resolve("out/report.html");
    html = Files.readString(page);
    chromium = HeadlessChromium.require(dir);
  }

  @Test
  void rendersWithoutConsoleErrorsAndScriptRan() throws Exception {
    HeadlessChromium.Run run = chromium.dumpDom(page, "");
    assertEquals(List.of(), run.consoleLines(), "the page logged to the console");
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(run.stdout());
    assertTrue(body.find());
    assertTrue(body.group(1).contains("data-ready=\"true\""), "the page's script did not finish");
    assertFalse(body.group(1).contains("data-js-errors"), "the page recorded script errors");
  }

  @Test
  void consoleErrorDetectionWorks() throws Exception {
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><html><body><script>notDefined();</script></body></html>");
    List<String> lines = chromium.dumpDom(broken, "").consoleLines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("Uncaught ReferenceError")), lines.toString());
  }

  @Test
  void hostileDisplayNameIsShownAsText() throws Exception {
    String dom = chromium.dumpDom(page, "").stdout();
    assertTrue(dom.contains("<title>Countersign report</title>"), "a script from the name ran");
    assertTrue(dom.contains("encode &lt;script&gt;document.title='pwned'&lt;/script&gt; &amp;amp;"
        .replace("&amp;amp;", "&amp;")), "the display name is not shown as text");
    assertFalse(dom.contains("<script>document.title"), "the display name became markup");
    assertEquals(1, count(dom, "<script>"), "only the report's own script may exist");
  }

  @Test
  void everyMetricHasItsPlot() throws Exception {
    String dom = chromium.dumpDom(page, "").stdout();
    String encoder = section(dom, "EncoderPerfTest.encodeRecords");
    for (String metric : List.of("alloc-bytes", "instructions", "cache-misses",
        "vmexit.intel-kvm-default.MSR_WRITE", "vmexit.intel-kvm-default.HLT",
        "vmexit.amd-kvm-default.PAUSE", "vmexit.amd-kvm-default.HLT")) {
      int at = encoder.indexOf("<figure class=\"plot\" data-metric=\"" + metric + "\">");
      assertTrue(at >= 0, "no plot for " + metric);
      String figure = encoder.substring(at, encoder.indexOf("</figure>", at));
      assertEquals(2, count(figure, "<rect class=\"box\""), metric + ": baseline and current boxes");
      assertEquals(40, count(figure, "<circle class=\"pt\""), metric + ": 20 + 20 samples");
    }
    assertTrue(encoder.contains("data-host=\"intel-kvm-default\""));
    assertTrue(encoder.contains("data-host=\"amd-kvm-default\""));
    assertTrue(encoder.contains("data-reason=\"MSR_WRITE\""));
    assertTrue(encoder.contains("class=\"diff critical\""), "another CPU is not flagged");
    assertTrue(encoder.contains("baseline measured with another CPU"));
    assertTrue(encoder.contains("ENOENT") && encoder.contains("-Dcountersign.mode=sim"),
        "the unavailable metric's diagnosis is missing");
    String handOff = section(dom, "HandOffPerfTest.handOff");
    assertTrue(handOff.contains("data-metric=\"context-switches\""));
    int at = handOff.indexOf("<figure class=\"plot\" data-metric=\"instructions\">");
    String incomparable = handOff.substring(at, handOff.indexOf("</figure>", at));
    assertEquals(20, count(incomparable, "<circle class=\"pt\""),
        "a baseline of another source must not be drawn on the same axis");
    assertTrue(incomparable.contains("measured by sim, this run by pmu: not comparable"));
    assertFalse(handOff.contains("another CPU"),
        "the same kind of CPU, named differently by another host, must not be flagged");
    assertTrue(handOff.contains("AMD EPYC 7B13 64-Core Processor"), "the brand string is shown");
  }

  @Test
  void attentionListSaysAForeignBaselineOnceForTheBuild() throws Exception {
    String dom = chromium.dumpDom(page, "").stdout();
    int from = dom.indexOf("<section id=\"findings\">");
    String findings = dom.substring(from, dom.indexOf("</section>", from));
    assertEquals(1, count(findings, "baseline measured with another CPU"), findings);
    assertTrue(findings.contains("(1 test: "), findings);
  }

  @Test
  void attentionListSaysOnceThatBaselinesWereReadWithAnOldFormatsMeaning() throws Exception {
    // ReportFixture's files record no agents, as the format before the meaning was recorded
    String dom = chromium.dumpDom(page, "").stdout();
    int from = dom.indexOf("<section id=\"findings\">");
    String findings = dom.substring(from, dom.indexOf("</section>", from));
    assertEquals(1, count(findings, "<p class=\"flag build-note\">ℹ 3 baseline(s) were recorded"
        + " before Countersign recorded what a number means"), findings);
    assertEquals(1, count(dom, "baseline(s) were recorded before"), "said once per build");
  }

  @Test
  void sortsByChangeDescending() throws Exception {
    List<String> before = changes(section(html, "EncoderPerfTest.encodeRecords"));
    String dom = chromium.dumpDom(page, "sort=change&dir=desc").stdout();
    List<String> after = changes(section(dom, "EncoderPerfTest.encodeRecords"));
    assertNotEquals(before, after, "the fixture's rows must start out of order");
    List<Double> numbers = new ArrayList<>();
    boolean blank = false;
    for (String v : after) {
      if (v.isEmpty()) {
        blank = true;
      } else {
        assertFalse(blank, "a number after a blank: " + after);
        numbers.add(Double.parseDouble(v));
      }
    }
    for (int i = 1; i < numbers.size(); i++) {
      assertTrue(numbers.get(i - 1) >= numbers.get(i), "not descending: " + after);
    }
    assertTrue(dom.contains("data-key=\"change\" data-type=\"num\" tabindex=\"0\" aria-sort=\"descending\""));
  }

  @Test
  void sortsByVerdictWorstFirst() throws Exception {
    String dom = chromium.dumpDom(page, "sort=verdict").stdout();
    List<String> verdicts = new ArrayList<>();
    Matcher m = ROW.matcher(section(dom, "EncoderPerfTest.encodeRecords"));
    while (m.find()) {
      verdicts.add(m.group(1));
    }
    assertEquals(List.of("REGRESSION", "REGRESSION", "OVER_BUDGET", "UNAVAILABLE", "IMPROVEMENT"),
        verdicts.subList(0, 5));
  }

  @Test
  void filtersByVerdict() throws Exception {
    String dom = chromium.dumpDom(page, "filter=REGRESSION").stdout();
    List<String> visible = new ArrayList<>();
    int hidden = 0;
    Matcher m = ROW.matcher(dom);
    while (m.find()) {
      if (m.group(2) == null) {
        visible.add(m.group(1));
      } else {
        hidden++;
      }
    }
    assertEquals(List.of("REGRESSION", "REGRESSION"), visible);
    assertEquals(11, hidden);
    assertTrue(dom.contains("<span id=\"shown\">2</span>"));
    Matcher s = SECTION.matcher(dom);
    int shownSections = 0;
    while (s.find()) {
      shownSections += s.group(2) == null ? 1 : 0;
    }
    assertEquals(1, shownSections, "only the test with regressions stays visible");
  }

  /**
   * Real clicks on the page's own controls: a copy of the report with a script appended that
   * clicks the Change header twice and unticks every verdict but REGRESSION, then records what the
   * page showed after each step.
   */
  @Test
  void clickingHeadersSortsAndTickingVerdictsFilters() throws Exception {
    String driver = """
        <script>
        (function () {
          var th = document.querySelector('section.test table.verdicts th[data-key="change"]');
          function changes() {
            return Array.prototype.map.call(th.closest('table').tBodies[0].rows,
                function (r) { return r.cells[5].getAttribute('data-v'); }).join(';');
          }
          th.click();
          document.body.setAttribute('data-after-one-click', th.getAttribute('aria-sort') + '|' + changes());
          th.click();
          document.body.setAttribute('data-after-two-clicks', th.getAttribute('aria-sort') + '|' + changes());
          document.querySelectorAll('input[data-verdict]').forEach(function (cb) {
            if (cb.getAttribute('data-verdict') !== 'REGRESSION') { cb.click(); }
          });
          document.body.setAttribute('data-visible-rows',
              document.querySelectorAll('table.verdicts tbody tr:not([hidden])').length);
          document.querySelector('button[data-preset="all"]').click();
          document.body.setAttribute('data-visible-after-all',
              document.querySelectorAll('table.verdicts tbody tr:not([hidden])').length);
        }());
        </script>
        """;
    Path driven = dir.resolve("out/driven.html");
    Files.writeString(driven, html.replace("</body>", driver + "</body>"));
    HeadlessChromium.Run run = chromium.dumpDom(driven, "");
    assertEquals(List.of(), run.consoleLines());
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(run.stdout());
    assertTrue(body.find());
    String attrs = body.group(1);
    List<Double> ascending = numbers(attribute(attrs, "data-after-one-click"), "ascending");
    List<Double> descending = numbers(attribute(attrs, "data-after-two-clicks"), "descending");
    List<Double> sorted = new ArrayList<>(ascending);
    sorted.sort(null);
    assertEquals(sorted, ascending);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, descending);
    assertEquals("2", attribute(attrs, "data-visible-rows"));
    assertEquals("13", attribute(attrs, "data-visible-after-all"));
  }

  private static String attribute(String attrs, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
    assertTrue(m.find(), "the driver did not record " + name + " in " + attrs);
    return m.group(1);
  }

  /** "ascending|1.5;-3;;" → the numbers in order, checking the sort state and blanks last. */
  private static List<Double> numbers(String recorded, String expectedSort) {
    String[] parts = recorded.split("\\|", 2);
    assertEquals(expectedSort, parts[0]);
    List<Double> out = new ArrayList<>();
    boolean blank = false;
    for (String v : parts[1].split(";", -1)) {
      if (v.isEmpty()) {
        blank = true;
      } else {
        assertFalse(blank, "a number after a blank: " + recorded);
        out.add(Double.parseDouble(v));
      }
    }
    assertTrue(out.size() >= 5, recorded);
    return out;
  }

  @Test
  void isSelfContained() {
    assertFalse(html.contains("<link"), "no stylesheet may be fetched");
    assertFalse(Pattern.compile("src=").matcher(html).find(), "no resource may be fetched");
    String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
        "no URL may be referenced");
  }

  @Test
  void screenshotIsKeptAsBuildArtifact() throws Exception {
    Path png = Path.of("target/countersign-report-screenshot.png");
    Files.deleteIfExists(png);
    Files.copy(page, Path.of("target/countersign-report-sample.html"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    HeadlessChromium.Run run = chromium.screenshot(page, "", png, 1280, 2600);
    assertEquals(List.of(), run.consoleLines());
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 10_000, "screenshot is empty");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
  }

  private static List<String> changes(String section) {
    List<String> out = new ArrayList<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      Matcher c = CELL_VALUE.matcher(m.group(3));
      for (int i = 0; i < 6; i++) {
        assertTrue(c.find());
      }
      out.add(c.group(1));
    }
    return out;
  }

  private static String section(String dom, String test) {
    Matcher s = SECTION.matcher(dom);
    while (s.find()) {
      if (s.group(1).equals(test)) {
        return s.group(3);
      }
    }
    throw new AssertionError("no section for " + test);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }
}
