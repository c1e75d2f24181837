package dev.countersign.results;

import java.util.List;

/**
 * One promoted run inside a {@link Baseline}.
 *
 * @param configuration how it was run
 * @param environment where it was run
 * @param metrics its samples
 */
public record BaselineRun(
    RunConfiguration configuration, Environment environment, List<MetricSeries> metrics) {

  public BaselineRun {
    metrics = List.copyOf(metrics);
  }

  public static BaselineRun of(TestResult result) {
    return new BaselineRun(result.configuration(), result.environment(), result.metrics());
  }
}
