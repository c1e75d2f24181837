package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import java.util.Map;
import java.util.Optional;

/**
 * The exits one invocation's guest activity causes on one host.
 *
 * @param exits per reason that could be estimated (ANY only when every reason could), exits
 * @param unknown per reason that could not, the causes missing and why
 * @param overheadNs exits × the profile's per-reason cost, ns; empty when some reason is unknown
 */
public record ExitEstimate(
    Map<VmExitReason, Double> exits, Map<VmExitReason, String> unknown, Optional<Double> overheadNs) {

  public ExitEstimate {
    exits = Map.copyOf(exits);
    unknown = Map.copyOf(unknown);
  }

  /** Exits of {@code reason}, if estimated. */
  public Optional<Double> of(VmExitReason reason) {
    return Optional.ofNullable(exits.get(reason));
  }
}
