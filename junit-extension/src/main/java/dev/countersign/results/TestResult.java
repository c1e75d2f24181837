package dev.countersign.results;

import java.util.List;
import java.util.Optional;

/**
 * The result of one performance test in one build: what {@code
 * target/countersign/results/<test>.json} holds.
 *
 * @param schemaVersion file format version, {@value #SCHEMA_VERSION}
 * @param test which test
 * @param configuration how it was run
 * @param environment where it was run
 * @param metrics the measured samples, one series per metric and source
 * @param unavailable metrics asked for that could not be measured, with the diagnosis
 * @param budgets absolute budgets declared on the test
 * @param maxRegressions regression limits declared on the test
 */
public record TestResult(
    int schemaVersion,
    TestId test,
    RunConfiguration configuration,
    Environment environment,
    List<MetricSeries> metrics,
    List<UnavailableMetric> unavailable,
    List<Budget> budgets,
    List<RegressionLimit> maxRegressions) {

  public static final int SCHEMA_VERSION = 1;

  public TestResult {
    metrics = List.copyOf(metrics);
    unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    maxRegressions = maxRegressions == null ? List.of() : List.copyOf(maxRegressions);
  }

  /** The series of the named metric, if measured. */
  public Optional<MetricSeries> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
