/**
 * The runner: warm-up and measured iterations of one workload, with the probes that measure
 * them. {@link dev.countersign.runner.ProbeProvider}s (perf, JVM, simulator) each offer what they
 * can measure for a {@link dev.countersign.runner.ProbeRequest}; a
 * {@link dev.countersign.runner.ProbeSet} opens them and derives the metrics computed from others.
 */
package dev.countersign.runner;
