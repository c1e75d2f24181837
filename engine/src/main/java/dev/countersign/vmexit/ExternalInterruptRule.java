package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.EnumSet;
import java.util.Set;

/**
 * EXTERNAL_INTERRUPT (1): host interrupts arriving while the guest runs ({@code
 * handle_external_interrupt_irqoff} in arch/x86/kvm/vmx/vmx.c): the host tick at {@code hostHz}
 * and device interrupts over the guest's run time, plus, without the VMX-preemption timer, the
 * host hrtimer of each guest TSC deadline expiring while the vCPU runs ({@link TimerExpiries}).
 */
public final class ExternalInterruptRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.EXTERNAL_INTERRUPT;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    Set<Cause> needs = EnumSet.noneOf(Cause.class);
    if (host.hostHz() + host.deviceInterruptsPerSecond() > 0) {
      needs.add(Cause.RUN_TIME);
    }
    if (!host.preemptionTimer()) {
      needs.addAll(TimerExpiries.needs(host));
    }
    return needs;
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    double perSecond = host.hostHz() + host.deviceInterruptsPerSecond();
    double exits = activity.runTimeNs() * perSecond / 1e9;
    if (!host.preemptionTimer()) {
      exits += TimerExpiries.whileRunning(activity, host);
    }
    return exits;
  }
}
