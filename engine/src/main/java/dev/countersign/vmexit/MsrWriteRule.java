package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.EnumSet;
import java.util.Set;

/**
 * MSR_WRITE (32): writes of the TSC-deadline MSR 0x6E0, which KVM always intercepts (handled in
 * {@code handle_fastpath_set_msr_irqoff}, arch/x86/kvm/x86.c), one per timer arm; and x2APIC ICR
 * writes (MSR 0x830) of IPIs, as routed by {@link IpiRouting} — none with IPI virtualisation.
 */
public final class MsrWriteRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.MSR_WRITE;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    Set<Cause> needs = EnumSet.of(Cause.TIMER_ARMS);
    if (IpiRouting.unicastMsrWrites(host) > 0) {
      needs.add(Cause.IPIS);
      if (IpiRouting.msrWritesPerShootdownIpi(host) > 0) {
        needs.add(Cause.TLB_SHOOTDOWNS);
      }
    }
    return needs;
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return activity.timerArms()
        + activity.ipisSent() * IpiRouting.unicastMsrWrites(host)
        + activity.tlbShootdowns() * IpiRouting.msrWritesPerShootdownIpi(host);
  }
}
