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
 * @param informational names of recorded metrics the test did not declare: the inputs of a model
 *     (the tracepoints and {@code task-clock} behind the VM-exit estimates) and the estimates it
 *     gives beyond those named (every exit reason of a host, {@code countersign.vmexitHosts}).
 *     Shown with their change, never gated: no limit was set on them, and some follow noisy
 *     timings
 */
public record TestResult(
    int schemaVersion,
    TestId test,
    RunConfiguration configuration,
    Environment environment,
    List<MetricSeries> metrics,
    List<UnavailableMetric> unavailable,
    List<Budget> budgets,
    List<RegressionLimit> maxRegressions,
    List<String> informational) {

  public static final int SCHEMA_VERSION = 1;

  public TestResult {
    metrics = List.copyOf(metrics);
    unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    maxRegressions = maxRegressions == null ? List.of() : List.copyOf(maxRegressions);
    informational = informational == null ? List.of() : List.copyOf(informational);
  }

  /** A result whose metrics were all declared by the test (none informational). */
  public TestResult(int schemaVersion, TestId test, RunConfiguration configuration,
      Environment environment, List<MetricSeries> metrics, List<UnavailableMetric> unavailable,
      List<Budget> budgets, List<RegressionLimit> maxRegressions) {
    this(schemaVersion, test, configuration, environment, metrics, unavailable, budgets,
        maxRegressions, List.of());
  }

  /** The metrics the test declared, which {@code check} judges: all but the informational ones. */
  public List<MetricSeries> gatedMetrics() {
    return metrics.stream().filter(m -> !informational.contains(m.name())).toList();
  }

  /** The series of the named metric, if measured. */
  public Optional<MetricSeries> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
