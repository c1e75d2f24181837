package dev.countersign.changepoint;

import org.apache.commons.math3.special.Beta;

/**
 * Two-sided Student t test of two independent segments with a pooled variance. Exact for
 * deterministic data: two constant segments have p = 0 when their means differ and p = 1 when
 * they are equal.
 */
final class StudentT {

  private StudentT() {}

  /** p-value of {@code values[from, split)} against {@code values[split, to)}. */
  static double pValue(double[] values, int from, int split, int to) {
    int n1 = split - from;
    int n2 = to - split;
    int df = n1 + n2 - 2;
    if (n1 < 1 || n2 < 1 || df < 1) {
      return 1;
    }
    double m1 = mean(values, from, split);
    double m2 = mean(values, split, to);
    double ss = squares(values, from, split, m1) + squares(values, split, to, m2);
    double diff = Math.abs(m1 - m2);
    if (ss == 0) {
      return diff == 0 ? 1 : 0;
    }
    double se = Math.sqrt(ss / df * (1.0 / n1 + 1.0 / n2));
    double t = diff / se;
    // P(|T| > t) = I_{df / (df + t^2)}(df / 2, 1 / 2): keeps its precision far in the tail
    return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
  }

  static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  private static double squares(double[] values, int from, int to, double mean) {
    double s = 0;
    for (int i = from; i < to; i++) {
      double d = values[i] - mean;
      s += d * d;
    }
    return s;
  }
}
