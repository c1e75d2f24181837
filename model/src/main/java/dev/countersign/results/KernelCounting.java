package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a {@code perf_event_open} count includes what the measured threads did in kernel mode.
 * Part of what a value means: an unprivileged user at {@code perf_event_paranoid} 2 may count user
 * space only ({@code exclude_kernel}), and then the page faults a workload takes inside {@code
 * read()} are not counted at all. Values counted one way are never compared with values counted
 * the other way.
 */
public enum KernelCounting {
  /** User and kernel mode were counted ({@code exclude_kernel = 0}). */
  COUNTED,
  /** User mode only ({@code exclude_kernel = 1, exclude_hv = 1}), as {@code perf stat -e x:u}. */
  EXCLUDED,
  /**
   * Not known: never measured so, but what a file written before kernel counting was recorded
   * reads as when nothing in it tells (see {@link dev.countersign.check.MetricIdentity}); such
   * values are compared with neither of the others.
   */
  UNKNOWN;

  /** The value for a process that may ({@code true}) or may not count kernel mode. */
  public static KernelCounting of(boolean countsKernel) {
    return countsKernel ? COUNTED : EXCLUDED;
  }

  /** How it reads in tables: "user+kernel mode", "user-mode only" or "an unknown mode". */
  public String describe() {
    return switch (this) {
      case COUNTED -> "user+kernel mode";
      case EXCLUDED -> "user-mode only";
      case UNKNOWN -> "an unknown mode";
    };
  }

  /** The lower-case name used in files. */
  @JsonValue
  public String id() {
    return EnumIds.id(this);
  }

  @JsonCreator
  public static KernelCounting ofId(String id) {
    return EnumIds.parse(KernelCounting.class, id, "kernel counting");
  }
}
