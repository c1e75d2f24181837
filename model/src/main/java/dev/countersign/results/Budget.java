package dev.countersign.results;

/**
 * An absolute limit on a metric declared on a test ({@code @CounterBudget} or {@code
 * @VmExitBudget}), recorded in the result so that {@code check} can report it.
 *
 * @param metric the metric name
 * @param limitPerOp the most allowed per operation
 */
public record Budget(String metric, double limitPerOp) {}
