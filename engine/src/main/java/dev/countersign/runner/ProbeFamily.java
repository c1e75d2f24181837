package dev.countersign.runner;

/**
 * The families of probes; {@link ProbeProviders} orders them per {@link Mode}. Each is provided by
 * a {@link ProbeProviderFactory} found on the class path.
 */
public enum ProbeFamily {
  /** The kernel's counters and tracepoints, through {@code perf_event_open}. */
  PERF_EVENT,
  /** The JVM's own management beans (allocation, GC). */
  JVM,
  /** The deterministic simulator of the {@code -javaagent}. */
  SIMULATOR
}
