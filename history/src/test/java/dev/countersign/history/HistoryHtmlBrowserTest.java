package dev.countersign.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.changepoint.ChangePointSettings;
import dev.countersign.report.HeadlessChromium;
import dev.countersign.results.Source;
import dev.countersign.stats.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history page in a real headless Chromium. */
class HistoryHtmlBrowserTest {

  @TempDir Path dir;

  private static Trend trend(String metric, String unit, double... values) {
    SeriesKey key = new SeriesKey("com.example:q", "com.example.Q<b>.run", metric, Source.SIM, "", unit,
        "0123456789abcdef");
    List<TrendPoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new TrendPoint(new BuildInfo("com.example:q", "b" + i, "c" + i, "main",
          Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)), values[i], 5, Verdict.UNCHANGED));
    }
    return new HistoryAnalysis(ChangePointSettings.DEFAULTS, 100, Optional.empty())
        .trend(key, points);
  }

  @Test
  void marksTheChangePointInThePlotAndListsItFirstAmongTheOpenOnes() throws Exception {
    List<Trend> trends = List.of(
        trend("ops", "ops/s", 500, 500, 500, 500, 550, 550, 550, 550),      // improvement
        trend("instructions", "count", 100, 100, 100, 110, 110, 110));     // regression
    Path page = dir.resolve("history.html");
    Files.writeString(page, HistoryHtml.render("com.example:q", "jdbc:sqlite:/h.db", trends));
    HeadlessChromium chromium = HeadlessChromium.require(dir);
    HeadlessChromium.Run run = chromium.dumpDom(page, "");
    assertEquals(List.of(), run.consoleLines());
    String dom = run.stdout();
    Matcher marks = Pattern.compile("<g class=\"change-point\" data-index=\"(\\d+)\""
        + " data-regression=\"(\\w+)\"").matcher(dom);
    List<String> found = new ArrayList<>();
    while (marks.find()) {
      found.add(marks.group(1) + ":" + marks.group(2));
    }
    assertEquals(List.of("4:false", "3:true"), found);
    int regression = dom.indexOf("<tr class=\"regression\">");
    int improvement = dom.indexOf("<tr class=\"improvement\">");
    assertTrue(regression > 0 && improvement > regression, "regressions are listed first");
    assertTrue(dom.contains("<code>c2..c3</code>") && dom.contains("<code>c3..c4</code>"), dom);
    assertTrue(dom.contains("Q&lt;b&gt;.run"), "test names are escaped");

    Path png = dir.resolve("history.png");
    chromium.screenshot(page, "", png, 900, 1200);
    BufferedImage image = ImageIO.read(png.toFile());
    int red = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        red += rgb == 0xc62828 ? 1 : 0;
      }
    }
    assertTrue(red > 50, "the regression's dashed line and label are drawn: " + red + " pixels");
  }
}
