package dev.countersign.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the median of a (two-stage) bootstrap resample of a large sample without drawing every
 * value: the same distribution as resampling by counting, in O(groups · log n) binomial draws.
 *
 * <p>A resample picks as many groups as there are, with replacement (one group: just it), and
 * draws, within each picked group, as many of its values as it has. How many of a picked group's
 * draws fall into a range of sorted positions is binomial given how many fell into an enclosing
 * range (the draws are independent and uniform over the group's members). So the median is found
 * by halving the sorted positions: per picked group, the draws that fall into the lower half are
 * Binomial(draws in the range, its members in the lower half / its members in the range); the rank
 * sought goes to the half that holds it. The two middle ranks of an even total descend together
 * until they part.
 */
final class MedianDescent {

  private final double[] sorted;
  /** Per group, the sorted positions of its members, ascending. */
  private final int[][] groups;
  private final boolean oneGroup;
  private final int[] picked;
  private final int[] counts;
  private final int[] lower;
  private final int[] highCounts;
  private final BinomialDraw binomial;

  /**
   * @param sorted the values, ascending
   * @param groups per group, the sorted positions of its members (any order: sorted here)
   */
  MedianDescent(double[] sorted, int[][] groups) {
    this.sorted = sorted;
    this.groups = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      this.groups[g] = groups[g].clone();
      Arrays.sort(this.groups[g]);
    }
    this.oneGroup = groups.length == 1;
    this.picked = new int[groups.length];
    this.counts = new int[groups.length];
    this.lower = new int[groups.length];
    this.highCounts = new int[groups.length];
    int largest = 0;
    for (int[] g : groups) {
      largest = Math.max(largest, g.length);
    }
    this.binomial = new BinomialDraw(largest);
  }

  /**
   * For values in any order, with group labels (empty: one group): sorts with primitive arrays
   * only (each group on its own, then merged), as samples of millions need.
   */
  static MedianDescent of(double[] values, int[][] members) {
    int n = values.length;
    if (members.length == 1) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return new MedianDescent(sorted, new int[][] {all});
    }
    double[][] byGroup = new double[members.length][];
    for (int g = 0; g < members.length; g++) {
      byGroup[g] = new double[members[g].length];
      for (int k = 0; k < members[g].length; k++) {
        byGroup[g][k] = values[members[g][k]];
      }
      Arrays.sort(byGroup[g]);
    }
    double[] sorted = new double[n];
    int[][] positions = new int[members.length][];
    int[] next = new int[members.length];
    for (int g = 0; g < members.length; g++) {
      positions[g] = new int[members[g].length];
    }
    for (int p = 0; p < n; p++) {
      int best = -1;
      for (int g = 0; g < members.length; g++) {
        if (next[g] < byGroup[g].length
            && (best < 0 || byGroup[g][next[g]] < byGroup[best][next[best]])) {
          best = g;
        }
      }
      sorted[p] = byGroup[best][next[best]];
      positions[best][next[best]++] = p;
    }
    return new MedianDescent(sorted, positions);
  }

  double nextMedian(SplittableRandom random) {
    int total = 0;
    for (int q = 0; q < picked.length; q++) {
      // the same draw of groups as the counting path: 32 random bits, multiply-and-shift
      int g = oneGroup ? 0 : (int) (((random.nextLong() >>> 32) * groups.length) >>> 32);
      picked[q] = g;
      counts[q] = groups[g].length;
      total += counts[q];
    }
    int lowRank = (total - 1) / 2;
    int highRank = total / 2;
    int lo = 0;
    int hi = sorted.length;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      int below = split(random, lo, mid, hi, counts, lower);
      boolean lowLeft = lowRank < below;
      boolean highLeft = highRank < below;
      if (lowLeft && highLeft) {
        System.arraycopy(lower, 0, counts, 0, counts.length);
        hi = mid;
      } else if (!lowLeft && !highLeft) {
        for (int q = 0; q < counts.length; q++) {
          counts[q] -= lower[q];
        }
        lowRank -= below;
        highRank -= below;
        lo = mid;
      } else {
        // the middle ranks part: the low one in [lo, mid), the high one in [mid, hi)
        for (int q = 0; q < counts.length; q++) {
          highCounts[q] = counts[q] - lower[q];
        }
        System.arraycopy(lower, 0, counts, 0, counts.length);
        double low = select(random, lowRank, lo, mid, counts);
        double high = select(random, highRank - below, mid, hi, highCounts);
        return (low + high) / 2;
      }
    }
    return sorted[lo];
  }

  /** The value at {@code rank} among the draws in [lo, hi), given the draws per picked group. */
  private double select(SplittableRandom random, int rank, int lo, int hi, int[] cnt) {
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      int below = split(random, lo, mid, hi, cnt, lower);
      if (rank < below) {
        System.arraycopy(lower, 0, cnt, 0, cnt.length);
        hi = mid;
      } else {
        for (int q = 0; q < cnt.length; q++) {
          cnt[q] -= lower[q];
        }
        rank -= below;
        lo = mid;
      }
    }
    return sorted[lo];
  }

  /**
   * Splits each picked group's draws in [lo, hi) between [lo, mid) and [mid, hi); writes the
   * lower parts into {@code out} and returns their sum.
   */
  private int split(SplittableRandom random, int lo, int mid, int hi, int[] cnt, int[] out) {
    int sum = 0;
    for (int q = 0; q < cnt.length; q++) {
      int c = cnt[q];
      if (c == 0) {
        out[q] = 0;
        continue;
      }
      int[] members = groups[picked[q]];
      int a = oneGroup ? lo : firstAtOrAbove(members, lo);
      int m = oneGroup ? mid : firstAtOrAbove(members, mid);
      int b = oneGroup ? hi : firstAtOrAbove(members, hi);
      int left = m - a;
      int in = b - a;
      out[q] = left == 0 ? 0 : left == in ? c : binomial.draw(random, c, (double) left / in);
      sum += out[q];
    }
    return sum;
  }

  /** How many of the ascending {@code positions} are below {@code x}. */
  private static int firstAtOrAbove(int[] positions, int x) {
    int i = Arrays.binarySearch(positions, x);
    return i >= 0 ? i : -i - 1;
  }
}
