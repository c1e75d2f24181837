package dev.countersign.stats;

import java.util.Arrays;

/** Small order statistics on primitive arrays. */
public final class Samples {

  private Samples() {}

  /** The median (mean of the two middle values for an even count); NaN for no values. */
  public static double median(double[] v) {
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

  /**
   * The k-th smallest and the k-th largest values (0-based) of {@code a}, which is left unchanged:
   * two bounded heaps of k + 1 values in one pass, cheap for k much smaller than the length.
   */
  static double[] kthFromBothEnds(double[] a, int k) {
    int size = k + 1;
    double[] low = new double[size]; // max-heap of the smallest values seen
    double[] high = new double[size]; // min-heap (stored negated) of the largest values seen
    int filled = 0;
    for (double x : a) {
      if (filled < size) {
        low[filled] = x;
        siftUp(low, filled);
        high[filled] = -x;
        siftUp(high, filled);
        filled++;
      } else {
        if (x < low[0]) {
          low[0] = x;
          siftDown(low, size);
        }
        if (-x < high[0]) {
          high[0] = -x;
          siftDown(high, size);
        }
      }
    }
    return new double[] {low[0], -high[0]};
  }

  /** Max-heap insertion of the value at index i. */
  private static void siftUp(double[] heap, int i) {
    double v = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] >= v) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = v;
  }

  /** Max-heap repair after replacing the root. */
  private static void siftDown(double[] heap, int size) {
    double v = heap[0];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= v) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = v;
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
