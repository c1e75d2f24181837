/**
 * JMH integration: {@link dev.countersign.jmh.CountersignProfiler}, a JMH profiler that adds
 * Countersign's metrics per operation as secondary results, and the reader that turns JMH's JSON
 * results into results {@code check} can gate ({@code countersign.jmhResults}).
 */
package dev.countersign.jmh;
