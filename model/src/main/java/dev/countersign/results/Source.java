package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a recorded value came from. Values of different sources are never compared with each
 * other: a PMU count and a simulated count of the same event name are different quantities.
 */
public enum Source {
  /** A hardware counter of the CPU's PMU, through {@code perf_event_open}. */
  PMU,
  /** A kernel software event ({@code task-clock}, {@code page-faults}, ...). */
  KERNEL,
  /** A kernel tracepoint counted through {@code perf_event_open}. */
  TRACEPOINT,
  /** The JVM's own management beans (allocation, GC). */
  JVM,
  /** The deterministic simulator of the {@code -javaagent}. */
  SIM,
  /** Derived by a model (VM exits) from measured guest events. */
  MODEL;

  /** The lower-case name used in files and tables. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Source of(String id) {
    for (Source s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown source '" + id + "' (expected one of pmu, kernel, tracepoint, jvm, sim, model)");
  }
}
