package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/**
 * HLT (12): each idle entry of the vCPU ({@code handle_halt} → {@code kvm_emulate_halt} in
 * arch/x86/kvm/x86.c). Halt polling ({@code halt_poll_ns}, {@code kvm_vcpu_halt}) saves the host
 * schedule-out, not the exit. None when the VMM disabled HLT exits ({@code
 * KVM_CAP_X86_DISABLE_EXITS}, {@code kvm_hlt_in_guest}).
 */
public final class HltRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.HLT;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return host.hltExits() ? Set.of(Cause.IDLE_ENTRIES) : Set.of();
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return host.hltExits() ? activity.idleEntries() : 0;
  }
}
