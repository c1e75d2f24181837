package dev.countersign.report;

import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.MetricSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The samples of one metric on one side of a comparison, with the order statistics the plots and
 * exports need.
 *
 * @param values per-op values, sorted ascending
 * @param unit unit of one value per op
 * @param source source id
 */
record Samples(double[] values, String unit, String source) {

  static Samples of(MetricSeries m) {
    double[] v = m.values();
    Arrays.sort(v);
    return new Samples(v, m.unit(), m.source().id());
  }

  /**
   * The baseline samples the check compared against: the metric's samples pooled over the
   * baseline's runs of the same source as its newest run (as {@code Check} pools them).
   */
  static Optional<Samples> ofBaseline(Baseline baseline, String metric) {
    MetricSeries latest = null;
    List<Double> pooled = new ArrayList<>();
    for (BaselineRun run : baseline.runs()) {
      for (MetricSeries m : run.metrics()) {
        if (m.name().equals(metric)) {
          if (latest == null) {
            latest = m;
          }
          if (m.source() == latest.source()) {
            pooled.addAll(m.perOp());
          }
        }
      }
    }
    if (latest == null || pooled.isEmpty()) {
      return Optional.empty();
    }
    double[] v = pooled.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return Optional.of(new Samples(v, latest.unit(), latest.source().id()));
  }

  double min() {
    return values.length == 0 ? Double.NaN : values[0];
  }

  double max() {
    return values.length == 0 ? Double.NaN : values[values.length - 1];
  }

  /** Quantile by linear interpolation between closest ranks (type 7), {@code q} in [0, 1]. */
  double quantile(double q) {
    int n = values.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(n - 1, lo + 1);
    return values[lo] + (h - lo) * (values[hi] - values[lo]);
  }

  double median() {
    return quantile(0.5);
  }

  double mean() {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return values.length == 0 ? Double.NaN : s / values.length;
  }
}
