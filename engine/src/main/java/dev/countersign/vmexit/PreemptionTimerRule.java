package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/**
 * PREEMPTION_TIMER (52): with the VMX-preemption timer emulating the guest's TSC deadline ({@code
 * kvm_intel preemption_timer}, {@code handle_preemption_timer} in arch/x86/kvm/vmx/vmx.c), each
 * expiry while the vCPU is in guest mode ({@link TimerExpiries}). Without it, see {@link
 * ExternalInterruptRule}.
 */
public final class PreemptionTimerRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.PREEMPTION_TIMER;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return host.preemptionTimer() ? TimerExpiries.needs(host) : Set.of();
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return host.preemptionTimer() ? TimerExpiries.whileRunning(activity, host) : 0;
  }
}
