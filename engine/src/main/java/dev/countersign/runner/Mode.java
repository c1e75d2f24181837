package dev.countersign.runner;

import java.util.Locale;

/** Where counts come from; see {@code @PerfTest#mode()}. */
public enum Mode {
  /** PMU/kernel where perf_event_open gives the event, else the simulator, else unavailable. */
  AUTO,
  /** Only perf_event_open (and the JVM's own metrics). */
  PERF,
  /** Only the simulator (and the JVM's own metrics where the simulator has none). */
  SIM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code auto}, {@code perf} or {@code sim} (any case), with a clear error otherwise. */
  public static Mode parse(String s) {
    for (Mode m : values()) {
      if (m.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '" + s + "': use auto (default), perf or sim (property countersign.mode)");
  }
}
