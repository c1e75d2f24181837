package dev.countersign.check;

import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.MetricSeries;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The baseline samples a metric of a test is judged against: its samples pooled over the
 * baseline's promoted runs whose values mean what its newest run's do ({@link MetricIdentity}), so
 * that {@code check} and the reports' plots read the same samples.
 *
 * @param latest the metric's series in the newest run that has it
 * @param latestIdentity what the newest run's values mean
 * @param values the pooled samples per op, newest run first, in iteration order
 * @param groups per sample, its run and fork ({@code run × 100,000 + fork}), so that resampling
 *     treats the spread between runs and JVMs as such
 */
public record BaselinePool(MetricSeries latest, MetricIdentity latestIdentity, double[] values,
    int[] groups) {

  /** The pool of {@code metric}, or empty when no run of the baseline has it. */
  public static Optional<BaselinePool> of(Baseline baseline, String metric) {
    DoubleStream.Builder pooled = DoubleStream.builder();
    IntStream.Builder groups = IntStream.builder();
    MetricSeries latest = null;
    MetricIdentity latestIdentity = null;
    int runIndex = 0;
    for (BaselineRun run : baseline.runs()) {
      for (MetricSeries m : run.metrics()) {
        if (m.name().equals(metric)) {
          MetricIdentity identity = MetricIdentity.of(m, run);
          if (latest == null) {
            latest = m;
            latestIdentity = identity;
          }
          if (identity.sameMeaning(latestIdentity)) {
            Arrays.stream(m.values()).forEach(pooled);
            boolean forked = m.fork().size() == m.perOp().size();
            for (int k = 0; k < m.perOp().size(); k++) {
              groups.add(runIndex * 100_000 + (forked ? m.fork().get(k) : 0));
            }
          }
        }
      }
      runIndex++;
    }
    return latest == null ? Optional.empty()
        : Optional.of(new BaselinePool(latest, latestIdentity, pooled.build().toArray(),
            groups.build().toArray()));
  }
}
