package dev.countersign.report;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Every result as JMH's JSON result format ({@code -rf json}), so tools that read {@code
 * jmh-result.json} (github-action-benchmark, JMH Visualizer, Bencher's JMH adapter) track
 * Countersign's metrics.
 *
 * <p>One entry per test and metric: {@code benchmark} is {@code <class>.<method>}, {@code params}
 * {@code {"metric": "<name>"}} tells the metrics apart, {@code mode} is {@code avgt} (a value per
 * operation). {@code primaryMetric} is computed the way JMH does it: {@code score} the mean of the
 * iterations, {@code scoreError} the half-width of the 99.9% Student-t confidence interval,
 * {@code scoreConfidence} {@code [score − error, score + error]}, {@code scorePercentiles} at JMH's
 * percentiles, {@code scoreUnit} {@code <unit>/op} and {@code rawData} the per-op values of each
 * iteration grouped by fork. {@code secondaryMetrics} is empty.
 */
public final class JmhExport {

  /** The percentiles JMH writes into {@code scorePercentiles}. */
  static final double[] PERCENTILES =
      {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

  private JmhExport() {}

  static List<Map<String, Object>> of(ReportModel model) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TestResult r : model.results()) {
      for (MetricSeries m : r.metrics()) {
        if (m.perOp().isEmpty()) {
          continue;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("jmhVersion", "countersign");
        e.put("benchmark", r.test().className() + "." + r.test().methodName());
        e.put("mode", "avgt");
        e.put("threads", 1);
        e.put("forks", Math.max(1, r.configuration().forks()));
        e.put("jvm", r.environment().jvm());
        e.put("jvmArgs", List.of());
        e.put("jdkVersion", r.environment().jvm());
        e.put("vmName", r.environment().jvm());
        e.put("vmVersion", r.environment().jvm());
        e.put("warmupIterations", r.configuration().warmup());
        e.put("warmupTime", "single-shot");
        e.put("warmupBatchSize", r.configuration().opsPerInvocation());
        e.put("measurementIterations", m.perOp().size());
        e.put("measurementTime", "single-shot");
        e.put("measurementBatchSize", r.configuration().opsPerInvocation());
        e.put("params", Map.of("metric", m.name()));
        e.put("primaryMetric", metric(m));
        e.put("secondaryMetrics", Map.of());
        out.add(e);
      }
    }
    return out;
  }

  static Map<String, Object> metric(MetricSeries m) {
    Samples s = Samples.of(m);
    int n = s.values().length;
    double mean = s.mean();
    double error = Double.NaN;
    if (n > 1) {
      double var = 0;
      for (double v : s.values()) {
        var += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(var / (n - 1));
      double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
      error = t * sd / Math.sqrt(n);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("score", mean);
    p.put("scoreError", Double.isNaN(error) ? "NaN" : error);
    p.put("scoreConfidence", Double.isNaN(error) ? List.of(mean, mean)
        : List.of(mean - error, mean + error));
    Map<String, Double> pct = new LinkedHashMap<>();
    for (double q : PERCENTILES) {
      pct.put(Double.toString(q), s.quantile(q / 100));
    }
    p.put("scorePercentiles", pct);
    p.put("scoreUnit", ReportText.perOp(m.unit()));
    p.put("rawData", byFork(m));
    return p;
  }

  private static List<List<Double>> byFork(MetricSeries m) {
    if (m.fork().size() != m.perOp().size()) {
      return List.of(m.perOp());
    }
    Map<Integer, List<Double>> forks = new TreeMap<>();
    for (int i = 0; i < m.perOp().size(); i++) {
      forks.computeIfAbsent(m.fork().get(i), k -> new ArrayList<>()).add(m.perOp().get(i));
    }
    return new ArrayList<>(forks.values());
  }
}
