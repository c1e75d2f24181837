package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which guest events a VM-exit estimate was derived from. Part of what a {@code vmexit.*} value
 * means: the two feeds see different causes (the simulator sees spins and every modelled wake-up,
 * tracepoints see the IPIs and timer writes the kernel really made), so estimates of one feed are
 * never compared with the other's.
 */
public enum VmExitFeed {
  /** The simulator agent's guest events. */
  SIM,
  /** Kernel tracepoints counted through {@code perf_event_open}. */
  PERF;

  /** The lower-case name used in files and messages. */
  @JsonValue
  public String id() {
    return EnumIds.id(this);
  }

  @JsonCreator
  public static VmExitFeed of(String id) {
    return EnumIds.parse(VmExitFeed.class, id, "VM-exit feed");
  }
}
