package dev.countersign.stats;

import java.util.Set;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The one number that stands for a run's iterations of a metric: in {@code compare}, a side's in
 * one round, before the ratio B / A is taken; in {@code check}, each baseline run's and the
 * current run's in the between-run test ({@link RunNoise}).
 *
 * <p>CPU time of the test thread ({@code task-clock}, {@code cpu-clock}, {@code cycles}, {@code
 * ref-cycles}) takes the <b>10th percentile</b> (linear interpolation, R's type 7): what else
 * runs on the machine — a busy SMT sibling, a neighbour's cache pollution, a lower clock — only
 * ever adds CPU time to an iteration, and on a shared VM it comes in states lasting longer than a
 * round's few milliseconds of measurement: one fresh JVM of an unchanged hash loop measured 66 µs
 * per op throughout, another alternated between 66 and 83. A median stands for whichever state
 * held for most of the window; the least-disturbed tenth shows the code's own cost. Measured on
 * the 2-vCPU VM, the spread between JVMs of unchanged code fell from 12.6% to 2.8% (hash loop)
 * and 19.6% to 6.0% (park/unpark ping-pong) (docs/statistics.md). Everything else — counts of
 * work, context switches, page faults, allocation — takes the <b>median</b>, where interference
 * is not one-sided and a low quantile is often 0.
 */
public enum RoundStatistic {
  MEDIAN("median"),
  LOW_DECILE("10th percentile");

  private static final Set<String> CPU_TIME = Set.of("task-clock", "cpu-clock", "cycles",
      "ref-cycles");

  private final String label;

  RoundStatistic(String label) {
    this.label = label;
  }

  /** The statistic for a metric, by its name. */
  public static RoundStatistic forMetric(String metric) {
    return CPU_TIME.contains(metric) ? LOW_DECILE : MEDIAN;
  }

  /** Its value over one round's iterations; NaN for none. */
  public double of(double[] iterations) {
    if (this == MEDIAN || iterations.length == 0) {
      return Samples.median(iterations);
    }
    return new Percentile().withEstimationType(EstimationType.R_7).evaluate(iterations, 10);
  }

  /** How the notes name it: "median", "10th percentile". */
  public String label() {
    return label;
  }
}
