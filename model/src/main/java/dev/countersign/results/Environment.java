package dev.countersign.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of the machine a run was measured on, so that a comparison across different
 * machines can be flagged.
 *
 * @param os {@code os.name} and {@code os.arch}
 * @param kernel kernel release ({@code /proc/sys/kernel/osrelease})
 * @param cpuModel CPU model name
 * @param cpus available processors
 * @param virtualization {@code bare-metal}, or the hypervisor seen ({@code kvm}, {@code vm})
 * @param jvm JVM name and version
 * @param extra further facts (e.g. {@code perf_event_paranoid}), sorted by key
 */
public record Environment(
    String os,
    String kernel,
    String cpuModel,
    int cpus,
    String virtualization,
    String jvm,
    Map<String, String> extra) {

  public Environment {
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
  }
}
