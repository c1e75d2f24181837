package dev.countersign.report;

import dev.countersign.check.BaselinePool;
import dev.countersign.results.Baseline;
import dev.countersign.results.MetricSeries;
import java.util.Arrays;
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

  /** The baseline samples the check compared against ({@link BaselinePool}), sorted. */
  static Optional<Samples> ofBaseline(Baseline baseline, String metric) {
    return BaselinePool.of(baseline, metric).map(pool -> {
      double[] v = pool.values().clone();
      Arrays.sort(v);
      return new Samples(v, pool.latest().unit(), pool.latest().source().id());
    });
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
