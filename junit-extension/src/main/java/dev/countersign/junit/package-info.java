/**
 * The JUnit 5 extension users annotate tests with: {@link dev.countersign.junit.PerfTest} and the
 * budget annotations ({@link dev.countersign.junit.CounterBudget},
 * {@link dev.countersign.junit.VmExitBudget}, {@link dev.countersign.junit.MaxRegression}), the
 * extension that runs an annotated method as a workload and writes its result file, and forks.
 */
package dev.countersign.junit;
