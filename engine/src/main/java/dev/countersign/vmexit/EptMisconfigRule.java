package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/**
 * EPT_MISCONFIG (49): KVM marks MMIO ranges with a reserved-bit EPT entry, so every access after
 * the first exits here — the virtio-pci (and virtio-mmio) notify "kick" path ({@code
 * handle_ept_misconfig} in arch/x86/kvm/vmx/vmx.c, the ioeventfd fast path of {@code
 * kvm_io_bus_write}). On AMD the same access is a #NPF with reserved bits, counted here too.
 */
public final class EptMisconfigRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.EPT_MISCONFIG;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return Set.of(Cause.MMIO_KICKS);
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return activity.mmioKicks();
  }
}
