package dev.countersign.workloads.bench;

import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.Machine;

/** The levels of the slowdown benchmarks: what a probe brackets one invocation with. */
final class SimulatorLevels {

  private SimulatorLevels() {}

  /**
   * The simulated machine of {@code level}: {@code counting} (instructions, branches, allocation),
   * {@code full} (caches, TLBs, predictor, cycles too); null for {@code plain} and {@code idle}.
   */
  static Machine machine(String level) {
    return switch (level) {
      case "counting" -> Machine.create(CpuProfile.zen4Server(), false, false);
      case "full" -> Machine.create(CpuProfile.zen4Server());
      case "plain", "idle" -> null;
      default -> throw new IllegalArgumentException("unknown level " + level);
    };
  }
}
