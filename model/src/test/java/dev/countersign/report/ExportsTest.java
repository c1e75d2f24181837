package dev.countersign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.results.JsonFiles;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports checked against their formats' documented fields. */
class ExportsTest {

  @TempDir Path dir;
  JsonNode bencher;
  JsonNode jmh;

  @BeforeEach
  void write() throws Exception {
    Reports.writeAll(ReportFixture.check(dir), dir.resolve("out"), Map.of());
    bencher = JsonFiles.mapper().readTree(dir.resolve("out/bencher.json").toFile());
    jmh = JsonFiles.mapper().readTree(dir.resolve("out/jmh-result.json").toFile());
  }

  /**
   * Bencher Metric Format (bencher.dev/docs/reference/bencher-metric-format, JSON schema
   * bencher.dev/bmf.json): an object of benchmarks, each an object of measures, each an object
   * with a required number {@code value} and optional numbers {@code lower_value}, {@code
   * upper_value}; a measure slug or name has at most 64 characters.
   */
  @Test
  void bencherFollowsTheMetricFormat() {
    assertTrue(bencher.isObject());
    assertEquals(Set.of("EncoderPerfTest.encodeRecords", "HandOffPerfTest.handOff",
        "NewPerfTest.brandNew"), names(bencher));
    for (JsonNode benchmark : iterable(bencher)) {
      assertTrue(benchmark.isObject() && benchmark.size() > 0);
      Iterator<Map.Entry<String, JsonNode>> measures = benchmark.fields();
      while (measures.hasNext()) {
        Map.Entry<String, JsonNode> m = measures.next();
        assertTrue(m.getKey().length() <= 64, m.getKey());
        JsonNode metric = m.getValue();
        assertTrue(metric.get("value").isNumber(), "value is required and a number");
        for (String k : names(metric)) {
          assertTrue(Set.of("value", "lower_value", "upper_value").contains(k), k);
          assertTrue(metric.get(k).isNumber(), k);
        }
        assertTrue(metric.get("lower_value").asDouble() <= metric.get("value").asDouble());
        assertTrue(metric.get("value").asDouble() <= metric.get("upper_value").asDouble());
      }
    }
    JsonNode alloc = bencher.get("EncoderPerfTest.encodeRecords").get("alloc-bytes");
    assertEquals(190, alloc.get("value").asDouble(), 2.0);
    assertEquals(7, bencher.get("EncoderPerfTest.encodeRecords").size());
  }

  @Test
  void longMeasureNamesAreShortenedToBenchersLimitAndStayDistinct() {
    String a = "tracepoint:event[" + "x".repeat(80) + " == 1]";
    String b = "tracepoint:event[" + "x".repeat(80) + " == 2]";
    assertEquals(64, BencherExport.measure(a).length());
    assertTrue(!BencherExport.measure(a).equals(BencherExport.measure(b)));
    assertEquals("instructions", BencherExport.measure("instructions"));
  }

  /**
   * JMH's JSON result format (what {@code -rf json} writes, e.g. JMH 1.37): an array of entries
   * with {@code benchmark}, {@code mode}, {@code threads}, {@code forks}, {@code params}, {@code
   * primaryMetric} {score, scoreError, scoreConfidence[2], scorePercentiles{"0.0".."100.0"},
   * scoreUnit, rawData[fork][iteration]} and {@code secondaryMetrics}.
   */
  @Test
  void jmhFollowsTheResultFormat() {
    assertTrue(jmh.isArray());
    assertEquals(7 + 2 + 1, jmh.size(), "one entry per test and metric");
    for (JsonNode e : iterable(jmh)) {
      assertTrue(names(e).containsAll(Set.of("benchmark", "mode", "threads", "forks", "params",
          "primaryMetric", "secondaryMetrics", "warmupIterations", "measurementIterations")), e.toString());
      assertTrue(e.get("benchmark").asText().matches("[\\w.]+\\.\\w+"));
      assertEquals("avgt", e.get("mode").asText());
      JsonNode p = e.get("primaryMetric");
      assertEquals(Set.of("score", "scoreError", "scoreConfidence", "scorePercentiles",
          "scoreUnit", "rawData"), names(p));
      assertTrue(p.get("score").isNumber());
      assertTrue(p.get("scoreError").isNumber());
      assertEquals(2, p.get("scoreConfidence").size());
      assertEquals(new TreeSet<>(List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99",
          "99.999", "99.9999", "100.0")), names(p.get("scorePercentiles")));
      assertTrue(p.get("scoreUnit").asText().endsWith("/op"));
      assertTrue(p.get("rawData").isArray() && p.get("rawData").get(0).isArray());
      assertEquals(20, p.get("rawData").get(0).size());
      assertTrue(e.get("secondaryMetrics").isObject());
    }
  }

  /** score = mean, scoreError = t(0.9995, n−1)·s/√n as JMH computes it: for 1..5 that is 8.6103 · 1.5811 / 2.2361 = 6.0884. */
  @Test
  void jmhScoreAndErrorAreComputedAsJmhDoes() {
    MetricSeries m = new MetricSeries("x", Source.JVM, "ns", List.of(1.0, 2.0, 3.0, 4.0, 5.0));
    Map<String, Object> p = JmhExport.metric(m);
    assertEquals(3.0, (double) p.get("score"), 1e-12);
    assertEquals(6.0884, (double) p.get("scoreError"), 1e-4);
    assertEquals(List.of(3.0 - (double) p.get("scoreError"), 3.0 + (double) p.get("scoreError")),
        p.get("scoreConfidence"));
    assertEquals("ns/op", p.get("scoreUnit"));
    assertEquals(3.0, ((Map<?, ?>) p.get("scorePercentiles")).get("50.0"));
  }

  /** Countersign's own JMH import reads the export back: every metric, every iteration. */
  @Test
  void jmhExportReadsBackThroughTheJmhImport() {
    List<dev.countersign.results.TestResult> back = dev.countersign.results.JmhResults.read(
        dir.resolve("out/jmh-result.json"), ReportFixture.CUR_ENV);
    assertEquals(10, back.size());
    dev.countersign.results.TestResult alloc = back.stream()
        .filter(r -> r.test().key().equals("EncoderPerfTest.encodeRecords[avgt,metric=alloc-bytes]"))
        .findFirst().orElseThrow();
    assertEquals("bytes/op", alloc.metric("score").orElseThrow().unit());
    assertEquals(20, alloc.metric("score").orElseThrow().perOp().size());
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new TreeSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static Iterable<JsonNode> iterable(JsonNode n) {
    return n::elements;
  }
}
