package dev.countersign.stats;

import java.util.Arrays;

/** Small order statistics on primitive arrays. */
final class Samples {

  private Samples() {}

  /** The median (mean of the two middle values for an even count); NaN for no values. */
  static double median(double[] v) {
    int n = v.length;
    if (n == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Whether all values are equal (true for zero or one value). */
  static boolean constant(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The k-th smallest value (0-based) of {@code a}, reordering {@code a} in place. Hoare-style
   * selection with a median-of-three pivot: expected linear time, deterministic.
   */
  static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
