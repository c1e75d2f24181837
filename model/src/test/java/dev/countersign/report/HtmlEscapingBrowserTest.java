package dev.countersign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Environment;
import dev.countersign.results.ErrorCode;
import dev.countersign.results.ResultStore;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.Comparators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that tries to become markup, in every place a report shows text from a file: a test's
 * display name, a metric name (element text and {@code data-} attributes, the plot's caption), an
 * unavailable metric's diagnosis (the note), the machine's CPU model. Each payload, if it ran,
 * would mark the page; the real page is opened in headless Chromium and a driver script appended
 * to it records what the page holds after its own script ran.
 */
class HtmlEscapingBrowserTest {

  /** Would mark the page if it became an element, broke out of a "..." or '...' attribute. */
  private static String payload(String where) {
    return where + " <script>document.body.setAttribute('data-pwned','" + where + "')</script>"
        + "<img src=x onerror=\"document.body.setAttribute('data-pwned','" + where + "')\">"
        + "\" onmouseover=\"x\" data-broke-double=\"" + where
        + "' onmouseover='x' data-broke-single='" + where + "' & &amp; end";
  }

  static final String NAME = payload("name");
  static final String METRIC = payload("metric");
  static final String NOTE = payload("note");
  static final String CPU = payload("cpu");

  @TempDir static Path dir;
  static Path page;
  static HeadlessChromium chromium;

  @BeforeAll
  static void writeReport() throws Exception {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    ResultStore results = new ResultStore(dir.resolve("results"));
    Environment env = new Environment("Linux amd64", "6.1.0-18-amd64", CPU, 2, "kvm",
        "OpenJDK 64-Bit Server VM 17.0.15", Map.of("perf_event_paranoid", "2"));
    TestId test = new TestId("dev.example.HostilePerfTest", "hostile", NAME);
    Random rnd = new Random(7);
    baselines.promote(ReportFixture.result(test, env, List.of(
        ReportFixture.noisy(METRIC, Source.JVM, "bytes", 96, 0.5, rnd)), List.of()), 1);
    results.write(ReportFixture.result(test, env, List.of(
        ReportFixture.noisy(METRIC, Source.JVM, "bytes", 190, 0.5, rnd)), List.of(
        new UnavailableMetric("cycles", Source.PMU, ErrorCode.ENOENT, NOTE, NOTE))));
    Reports.writeAll(new Check(Comparators.standard()).run(results, baselines,
        CheckSettings.defaults()), dir.resolve("out"), Map.of());
    page = dir.resolve("out/report.html");
    chromium = HeadlessChromium.require(dir);
  }

  @Test
  void everyHostileTextIsShownAsTextAndNothingRuns() throws Exception {
    String driver = """
        <script>
        (function () {
          var b = document.body;
          var onAttributes = 0;
          document.querySelectorAll('*').forEach(function (e) {
            for (var i = 0; i < e.attributes.length; i++) {
              var n = e.attributes[i].name;
              if (n.indexOf('on') === 0 || n.indexOf('data-broke') === 0) { onAttributes++; }
            }
          });
          b.setAttribute('data-on-attributes', onAttributes);
          b.setAttribute('data-scripts', document.scripts.length);
          b.setAttribute('data-images', document.images.length);
          var text = b.innerText;
          ['name', 'metric', 'note', 'cpu'].forEach(function (w) {
            b.setAttribute('data-shown-' + w, text.indexOf(PAYLOAD(w)) >= 0);
          });
          var fig = document.querySelector('figure.plot');
          b.setAttribute('data-metric-attribute', fig.getAttribute('data-metric') === PAYLOAD('metric'));
          b.setAttribute('data-title', document.title);
        }());
        </script>
        """.replace("PAYLOAD(w)", "payload(w)").replace("PAYLOAD('metric')", "payload('metric')");
    String payloadJs = "<script>function payload(w) { return " + jsPayload() + "; }</script>";
    String html = Files.readString(page);
    Path driven = dir.resolve("out/driven.html");
    Files.writeString(driven, html.replace("</body>", payloadJs + driver + "</body>"));

    HeadlessChromium.Run run = chromium.dumpDom(driven, "");
    assertEquals(List.of(), run.consoleLines(), "the page logged to the console");
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(run.stdout());
    assertTrue(body.find());
    String attrs = body.group(1);
    assertTrue(attrs.contains("data-ready=\"true\""), "the report's own script did not finish");
    assertFalse(attrs.contains("data-pwned"), "a payload ran: " + attrs);
    assertEquals("0", attribute(attrs, "data-on-attributes"), "a payload became an attribute");
    // the report's own script, and the two this test appended
    assertEquals("3", attribute(attrs, "data-scripts"), "a payload became a script element");
    assertEquals("0", attribute(attrs, "data-images"), "a payload became an element");
    for (String where : List.of("name", "metric", "note", "cpu")) {
      assertEquals("true", attribute(attrs, "data-shown-" + where), where + " is not shown as"
          + " the text it is");
    }
    assertEquals("true", attribute(attrs, "data-metric-attribute"),
        "the metric's data- attribute does not hold its name");
    assertEquals("Countersign report", attribute(attrs, "data-title"));
    assertTrue(run.stdout().contains("data-metric=\""), "the plot is missing");
  }

  @Test
  void theWriterRefusesANameThatIsNotOne() {
    HtmlWriter w = new HtmlWriter();
    assertThrows(IllegalArgumentException.class, () -> w.open("p onclick=x"));
    assertThrows(IllegalArgumentException.class, () -> w.open("p", "x\" onclick=\"y", "v"));
    assertEquals("<p title=\"&quot;&lt;&amp;'\">&lt;b&gt;</p>",
        new HtmlWriter().element("p", "<b>", "title", "\"<&'").toString());
  }

  /** The four payloads, as JavaScript builds them, so the driver compares the page's text. */
  private static String jsPayload() {
    return "w + \" <script>document.body.setAttribute('data-pwned','\" + w + \"')</scr\" + \"ipt>\""
        + " + \"<img src=x onerror=\\\"document.body.setAttribute('data-pwned','\" + w + \"')\\\">\""
        + " + \"\\\" onmouseover=\\\"x\\\" data-broke-double=\\\"\" + w"
        + " + \"' onmouseover='x' data-broke-single='\" + w + \"' & &amp; end\"";
  }

  private static String attribute(String attrs, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
    assertTrue(m.find(), "the driver did not record " + name + " in " + attrs);
    return m.group(1);
  }
}
