/**
 * JMH integration: {@link dev.countersign.jmh.CountersignProfiler}, a JMH profiler that adds
 * Countersign's metrics per operation as secondary results. The reader that turns JMH's JSON
 * results into results {@code check} can gate is {@link dev.countersign.results.JmhResults}.
 */
package dev.countersign.jmh;
