package dev.countersign.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The first honest comparison: ratio of medians, a Mann–Whitney U test at α = 0.05, and the
 * practical threshold; deterministic metrics (no variance on either side) are compared exactly.
 */
public final class MedianMannWhitneyComparator implements MetricComparator {

  private static final double ALPHA = 0.05;

  @Override
  public List<Comparison> compareAll(List<ComparisonRequest> requests) {
    List<Comparison> out = new ArrayList<>(requests.size());
    for (ComparisonRequest r : requests) {
      out.add(compare(r));
    }
    return out;
  }

  @Override
  public String describe() {
    return "ratio of medians; Mann-Whitney U, alpha 0.05, no multiple-testing correction;"
        + " constant metrics compared exactly";
  }

  static Comparison compare(ComparisonRequest r) {
    double b = median(r.baseline());
    double c = median(r.current());
    double ratio = ratio(b, c);
    double change = (ratio - 1) * 100;
    double signed = r.higherIsBetter() ? -change : change;
    boolean exact = constant(r.baseline()) && constant(r.current());
    if (exact) {
      Verdict v = signed > r.thresholdPercent() ? Verdict.REGRESSION
          : signed < -r.thresholdPercent() ? Verdict.IMPROVEMENT : Verdict.UNCHANGED;
      return new Comparison(r, b, c, ratio, ratio, ratio, ratio == 1 ? 1 : 0, v,
          "deterministic: exact comparison");
    }
    double p = new MannWhitneyUTest().mannWhitneyUTest(r.baseline(), r.current());
    Verdict v;
    if (Math.abs(signed) <= r.thresholdPercent()) {
      v = Verdict.UNCHANGED;
    } else if (p < ALPHA) {
      v = signed > 0 ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    } else {
      v = Verdict.INCONCLUSIVE;
    }
    return new Comparison(r, b, c, ratio, Double.NaN, Double.NaN, p, v, "");
  }

  static double ratio(double baseline, double current) {
    if (baseline == 0) {
      return current == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return current / baseline;
  }

  static boolean constant(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
