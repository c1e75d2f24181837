package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.EnumSet;
import java.util.Set;

/**
 * VMCALL (18): the guest's explicit hypercalls ({@code kvm_emulate_hypercall} in arch/x86/kvm/x86.c)
 * plus the {@code KVM_HC_SEND_IPI} hypercalls of multi-target TLB shootdowns under PV send-IPI
 * ({@link IpiRouting}). PV TLB flush adds none: it marks preempted vCPUs in their steal-time area
 * instead of interrupting them ({@code kvm_flush_tlb_multi} in arch/x86/kernel/kvm.c).
 */
public final class VmcallRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.VMCALL;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    Set<Cause> needs = EnumSet.of(Cause.HYPERCALLS);
    if (IpiRouting.hypercallsPerShootdownIpi(host) > 0) {
      needs.add(Cause.TLB_SHOOTDOWNS);
    }
    return needs;
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return activity.hypercalls()
        + activity.tlbShootdowns() * IpiRouting.hypercallsPerShootdownIpi(host);
  }
}
