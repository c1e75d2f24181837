/**
 * JMH benchmarks of the measurement itself: the per-invocation floor, perf's overhead and
 * syscall cost, and the simulator's slowdown and fidelity.
 */
package dev.countersign.workloads.bench;
