package dev.countersign.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded percentile bootstrap of medians and of the ratio of two medians.
 *
 * <p>A sample with one group is resampled with replacement. A sample with several groups (the
 * runs pooled in a baseline, or the forks of a run) is resampled in two stages, as Kalibera and
 * Jones (ISMM 2013) do for multi-level experiments: first as many groups as there are, with
 * replacement, then within each chosen group as many values as it has, with replacement. So the
 * spread between runs widens the interval instead of being mistaken for precision. (Two stages
 * count the within-run spread twice over; the interval is then somewhat conservative.)
 *
 * <p>Speed: a resample is never materialised. For one group of up to {@value
 * ResampledMedian#MAX_SIZE} values, the median of a resample is drawn directly from its exact
 * distribution ({@link ResampledMedian}): one random number per resample. Otherwise the values are
 * sorted once; up to {@value #DESCENT_MIN} values a resample only counts how often each sorted
 * position is drawn, and its median is found by one cumulative pass over the counts; beyond, the
 * median is found by descending a halving of the sorted positions with binomial draws ({@link
 * MedianDescent}), so that a resample costs O(groups · log n), not O(n). Everything is primitive
 * arrays; the random generator is a {@link SplittableRandom} with a fixed seed.
 */
final class MedianBootstrap {

  private MedianBootstrap() {}

  /** A confidence interval. */
  record Interval(double low, double high) {}

  /**
   * Percentile interval of median(current) / median(baseline).
   *
   * @param confidence two-sided level, e.g. 0.95
   */
  static Interval ratioInterval(double[] baseline, int[] baselineGroups, double[] current,
      int[] currentGroups, long seed, int resamples, double confidence) {
    Resampler b = new Resampler(baseline, baselineGroups);
    Resampler c = new Resampler(current, currentGroups);
    SplittableRandom random = new SplittableRandom(seed);
    double[] ratios = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      double mb = b.nextMedian(random);
      double mc = c.nextMedian(random);
      ratios[k] = ratio(mb, mc);
    }
    int low = (int) Math.floor((1 - confidence) / 2 * resamples);
    double[] bounds = Samples.kthFromBothEnds(ratios, low);
    return new Interval(bounds[0], bounds[1]);
  }

  /**
   * One-sided upper confidence bound of the median: the {@code confidence} quantile of the
   * bootstrap medians.
   */
  static double medianUpperBound(double[] values, int[] groups, long seed, int resamples,
      double confidence) {
    Resampler r = new Resampler(values, groups);
    SplittableRandom random = new SplittableRandom(seed);
    double[] medians = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      medians[k] = r.nextMedian(random);
    }
    int index = Math.min(resamples - 1, (int) Math.ceil(confidence * resamples) - 1);
    return Samples.select(medians, index);
  }

  /** Two-sided percentile interval of the median. */
  static Interval medianInterval(double[] values, int[] groups, long seed, int resamples,
      double confidence) {
    Resampler r = new Resampler(values, groups);
    SplittableRandom random = new SplittableRandom(seed);
    double[] medians = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      medians[k] = r.nextMedian(random);
    }
    int low = (int) Math.floor((1 - confidence) / 2 * resamples);
    return new Interval(Samples.select(medians, low), Samples.select(medians, resamples - 1 - low));
  }

  /** current / baseline, with 0/0 = 1 (both zero: no change) and x/0 = ±∞. */
  static double ratio(double baseline, double current) {
    if (baseline == 0) {
      return current == 0 ? 1.0 : current > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return current / baseline;
  }

  /**
   * An index in [0, bound) from 32 random bits by multiply-and-shift (Lemire 2019) instead of a
   * division; the bias, below bound / 2³², is immaterial for samples of thousands.
   */
  private static int below(long bits32, int bound) {
    return (int) ((bits32 * bound) >>> 32);
  }

  /**
   * Largest sample resampled by counting every draw; a larger one draws each resampled median by
   * {@link MedianDescent} (same distribution, O(log n) binomial draws per group instead of n
   * draws). Samples up to this size are resampled exactly as before that path existed.
   */
  static final int DESCENT_MIN = 2_000;

  /** Draws medians of resamples of one sample. */
  static final class Resampler {
    private final double[] sorted;
    /** Per group, the sorted positions of its members. */
    private final int[][] groups;
    private final int[] counts;
    /** For one group of moderate size: draws from the exact law of the resampled median. */
    private final ResampledMedian exact;
    /** For more than {@link #DESCENT_MIN} values: binomial splits instead of n draws. */
    private final MedianDescent descent;

    /**
     * @param forceDescent draw by {@link MedianDescent} whatever the size (for tests that compare
     *     the two ways of drawing)
     */
    Resampler(double[] values, int[] groupLabels, boolean forceDescent) {
      int n = values.length;
      int[][] members = Groups.members(n, groupLabels);
      if (n > DESCENT_MIN || forceDescent) {
        descent = MedianDescent.of(values, members);
        sorted = new double[0];
        groups = new int[0][];
        counts = new int[0];
        exact = null;
        return;
      }
      descent = null;
      Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i])
          .thenComparingInt(i -> i));
      sorted = new double[n];
      int[] positionOf = new int[n];
      for (int p = 0; p < n; p++) {
        sorted[p] = values[order[p]];
        positionOf[order[p]] = p;
      }
      groups = new int[members.length][];
      for (int g = 0; g < members.length; g++) {
        groups[g] = new int[members[g].length];
        for (int k = 0; k < members[g].length; k++) {
          groups[g][k] = positionOf[members[g][k]];
        }
      }
      counts = new int[n];
      exact = members.length == 1 && n <= ResampledMedian.MAX_SIZE ? ResampledMedian.of(sorted)
          : null;
    }

    Resampler(double[] values, int[] groupLabels) {
      this(values, groupLabels, false);
    }

    double nextMedian(SplittableRandom random) {
      if (exact != null) {
        return exact.draw(random);
      }
      if (descent != null) {
        return descent.nextMedian(random);
      }
      Arrays.fill(counts, 0);
      int total = 0;
      if (groups.length == 1) {
        int n = sorted.length;
        int k = 0;
        for (; k + 1 < n; k += 2) {
          long bits = random.nextLong();
          counts[below(bits >>> 32, n)]++;
          counts[below(bits & 0xFFFF_FFFFL, n)]++;
        }
        if (k < n) {
          counts[below(random.nextLong() >>> 32, n)]++;
        }
        total = n;
      } else {
        for (int q = 0; q < groups.length; q++) {
          int[] g = groups[below(random.nextLong() >>> 32, groups.length)];
          for (int k = 0; k < g.length; k++) {
            counts[g[below(random.nextLong() >>> 32, g.length)]]++;
          }
          total += g.length;
        }
      }
      int lowRank = (total - 1) / 2;
      int highRank = total / 2;
      int cumulative = 0;
      double low = 0;
      boolean haveLow = false;
      for (int p = 0; ; p++) {
        cumulative += counts[p];
        if (!haveLow && cumulative > lowRank) {
          low = sorted[p];
          haveLow = true;
        }
        if (cumulative > highRank) {
          return (low + sorted[p]) / 2;
        }
      }
    }
  }
}
