package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the code a time, kernel, PMU or JVM value was measured on carried the simulator's
 * instrumentation. Part of what such a value means: instrumented code runs several times slower,
 * allocates the simulator's tables and faults their pages in, so a {@code task-clock} measured on
 * it is neither the code's time nor deterministic. In {@code auto} and {@code perf} mode these
 * metrics are measured in a JVM without the agent ({@code plain}); in {@code sim} mode, and for a
 * test that cannot run in another JVM, in the instrumented one. Values measured on plain code are
 * never compared with values measured on instrumented code (see docs/simulator.md).
 */
public enum MeasuredCode {
  /** The measured code ran as compiled, without the simulator's agent in the JVM. */
  PLAIN,
  /** The measured code ran with the simulator's probes inserted (the agent was attached). */
  INSTRUMENTED;

  /** How it reads in tables: "plain code" or "code instrumented by the simulator". */
  public String describe() {
    return this == PLAIN ? "plain code (no simulator agent)"
        : "code instrumented by the simulator's agent";
  }

  /** The lower-case name used in files. */
  @JsonValue
  public String id() {
    return EnumIds.id(this);
  }

  @JsonCreator
  public static MeasuredCode ofId(String id) {
    return EnumIds.parse(MeasuredCode.class, id, "measured code");
  }
}
