package dev.countersign.history;

import dev.countersign.stats.Samples;
import dev.countersign.stats.Verdict;
import java.util.List;

/**
 * One metric of one test in one build: its per-iteration samples, their summary, and the
 * verdict {@code check} gave it.
 *
 * @param key which trend it belongs to
 * @param perOp the samples, one per measured iteration, per op
 * @param verdict the check verdict of the metric ({@link Verdict#NO_BASELINE} etc.)
 */
public record HistoryEntry(SeriesKey key, List<Double> perOp, Verdict verdict) {

  public HistoryEntry {
    perOp = List.copyOf(perOp);
    if (perOp.isEmpty()) {
      throw new IllegalArgumentException(key.label() + " has no samples to record");
    }
  }

  /** The value the trend follows: the median of the samples. */
  public double median() {
    return Samples.median(values());
  }

  public double mean() {
    double s = 0;
    for (double v : perOp) {
      s += v;
    }
    return s / perOp.size();
  }

  /** Sample standard deviation; 0 for a single sample. */
  public double stddev() {
    if (perOp.size() < 2) {
      return 0;
    }
    double m = mean();
    double ss = 0;
    for (double v : perOp) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (perOp.size() - 1));
  }

  double[] values() {
    return perOp.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
