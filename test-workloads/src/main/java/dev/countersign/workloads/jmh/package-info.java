/** A JMH benchmark of a sample workload, gated by {@code check} through the JMH profiler. */
package dev.countersign.workloads.jmh;
