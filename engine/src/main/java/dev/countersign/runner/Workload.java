package dev.countersign.runner;

/** One invocation of the measured method. */
@FunctionalInterface
public interface Workload {
  void invoke() throws Throwable;
}
