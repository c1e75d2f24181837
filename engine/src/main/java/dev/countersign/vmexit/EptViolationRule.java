package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/**
 * EPT_VIOLATION (48; an NPT #NPF on AMD): the first guest access to a guest-physical page without
 * an EPT entry ({@code handle_ept_violation} in arch/x86/kvm/vmx/vmx.c, {@code kvm_mmu_page_fault}).
 * One exit per 4 KiB page, or per 2 MiB when the host backs guest memory with huge pages ({@code
 * kvm_mmu_hugepage_adjust} in arch/x86/kvm/mmu/mmu.c maps the whole 2 MiB); plus, per entry, the
 * profile's refaults after the host zapped it (reclaim, migration, KSM). First touches are those
 * of the guest: a guest page fault on fresh memory is taken as new to the host too (a freshly
 * booted VM, or free page reporting returning freed guest pages) — an upper bound.
 */
public final class EptViolationRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.EPT_VIOLATION;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return Set.of(Cause.PAGES_FIRST_TOUCHED);
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    double entries = host.hostHugePages()
        ? activity.pagesFirstTouched() / (double) HostProfile.PAGES_PER_HUGE_PAGE
        : activity.pagesFirstTouched();
    return entries * (1 + host.eptRefaultsPerPage());
  }
}
