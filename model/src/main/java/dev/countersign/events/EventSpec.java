package dev.countersign.events;

import java.util.Optional;

/**
 * A parsed, valid metric name.
 *
 * @param name the canonical name (aliases such as {@code faults} become {@code page-faults})
 * @param kind its family
 * @param unit the unit of one value: {@code count}, {@code ns} or {@code bytes}
 * @param filter for a tracepoint, the optional kernel filter expression (e.g. {@code msr ==
 *     0x830}), written {@code msr:write_msr[msr == 0x830]}; empty otherwise
 */
public record EventSpec(String name, EventKind kind, String unit, Optional<String> filter) {

  /** Name including the filter, as written by the user: the key under which it is recorded. */
  public String qualifiedName() {
    return filter.map(f -> name + "[" + f + "]").orElse(name);
  }
}
