package dev.countersign.report;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.TestResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every result in Bencher Metric Format (BMF, https://bencher.dev/docs/reference/bencher-metric-format):
 * {@code {"<benchmark>": {"<measure>": {"value": v, "lower_value": lo, "upper_value": hi}}}}.
 *
 * <p>The benchmark is the test key ({@code Class.method}); the measure is the metric name; {@code
 * value} is the median per op of the measured iterations, {@code lower_value} and {@code
 * upper_value} their minimum and maximum. Bencher limits a measure's name to {@value
 * #MAX_MEASURE} characters: a longer metric name (a tracepoint with a long filter) is shortened to
 * a prefix and a hash of the full name.
 */
public final class BencherExport {

  /** Bencher's limit for a measure slug or name. */
  static final int MAX_MEASURE = 64;

  private BencherExport() {}

  static Map<String, Map<String, Map<String, Double>>> of(ReportModel model) {
    Map<String, Map<String, Map<String, Double>>> out = new TreeMap<>();
    for (TestResult r : model.results()) {
      Map<String, Map<String, Double>> measures = new TreeMap<>();
      for (MetricSeries m : r.metrics()) {
        Samples s = Samples.of(m);
        if (s.values().length == 0 || !Double.isFinite(s.median())) {
          continue; // BMF requires a number; nothing measured is no value, never a zero
        }
        Map<String, Double> metric = new TreeMap<>();
        metric.put("value", s.median());
        metric.put("lower_value", s.min());
        metric.put("upper_value", s.max());
        measures.put(measure(m.name()), metric);
      }
      if (!measures.isEmpty()) {
        out.put(r.test().key(), measures);
      }
    }
    return out;
  }

  static String measure(String metric) {
    if (metric.length() <= MAX_MEASURE) {
      return metric;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(metric.getBytes(StandardCharsets.UTF_8));
      return metric.substring(0, MAX_MEASURE - 9) + "~" + HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
