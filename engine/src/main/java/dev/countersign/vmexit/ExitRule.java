package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/** Turns guest activity into the exits of one reason on one host. Stateless. */
public interface ExitRule {

  /** The reason this rule counts. */
  VmExitReason reason();

  /**
   * The causes the count depends on for this host; empty when the host rules the exit out (then
   * the count is zero whatever the guest did).
   */
  Set<Cause> needs(HostProfile host);

  /** Exits of {@link #reason()} caused by {@code activity} on {@code host}; never negative. */
  double exits(GuestActivity activity, HostProfile host);
}
