package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The VM-exit model: one {@link ExitRule} per reason, applied to one invocation's guest activity
 * for one host profile. Stateless; each invocation starts from a freshly loaded vCPU.
 */
public final class VmExitModel {

  private final List<ExitRule> rules;

  /** The model with every rule. */
  public VmExitModel() {
    this(List.of(new PauseRule(), new EptViolationRule(), new EptMisconfigRule(),
        new MsrWriteRule(), new VmcallRule(), new HltRule(), new ExternalInterruptRule(),
        new PreemptionTimerRule(), new IoInstructionRule()));
  }

  VmExitModel(List<ExitRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules, one per reason except ANY. */
  public List<ExitRule> rules() {
    return rules;
  }

  /** Estimates from fully observed activity. */
  public ExitEstimate estimate(GuestActivity activity, HostProfile host) {
    return estimate(activity, host, Map.of());
  }

  /**
   * Estimates from partly observed activity.
   *
   * @param unobserved causes the feed could not observe, each with why; a reason whose rule needs
   *     one of them on this host is unknown, never zero
   */
  public ExitEstimate estimate(
      GuestActivity activity, HostProfile host, Map<Cause, String> unobserved) {
    Map<VmExitReason, Double> exits = new EnumMap<>(VmExitReason.class);
    Map<VmExitReason, String> unknown = new EnumMap<>(VmExitReason.class);
    double total = 0;
    double overhead = 0;
    for (ExitRule rule : rules) {
      Set<Cause> missing = new TreeSet<>(rule.needs(host));
      missing.retainAll(unobserved.keySet());
      if (!missing.isEmpty()) {
        List<String> why = new ArrayList<>();
        for (Cause c : missing) {
          why.add(c.name().toLowerCase(java.util.Locale.ROOT) + ": " + unobserved.get(c));
        }
        unknown.put(rule.reason(), "needs guest causes that were not observed (" 
            + String.join("; ", why) + ")");
        continue;
      }
      double n = rule.exits(activity, host);
      exits.put(rule.reason(), n);
      total += n;
      overhead += n * host.costNs(rule.reason());
    }
    if (unknown.isEmpty()) {
      exits.put(VmExitReason.ANY, total);
      return new ExitEstimate(exits, unknown, Optional.of(overhead));
    }
    unknown.put(VmExitReason.ANY, "the sum needs every reason; unknown: " + unknown.keySet());
    return new ExitEstimate(exits, unknown, Optional.empty());
  }
}
