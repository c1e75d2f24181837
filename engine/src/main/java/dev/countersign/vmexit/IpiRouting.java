package dev.countersign.vmexit;

/**
 * How a Linux guest's IPIs reach the host. A single-target IPI goes through {@code apic->send_IPI},
 * one write of the x2APIC ICR (MSR 0x830, {@code x2apic_send_IPI} in
 * arch/x86/kernel/apic/x2apic_phys.c) — PV send-IPI replaces only {@code send_IPI_mask} ({@code
 * kvm_setup_pv_ipi} in arch/x86/kernel/kvm.c), and {@code smp_call_function_many_cond}
 * (kernel/smp.c) sends a one-CPU mask as a single IPI. A multi-target IPI is, with PV send-IPI,
 * one {@code KVM_HC_SEND_IPI} hypercall per cluster of up to 128 APIC ids ({@code __send_ipi_mask},
 * {@code KVM_IPI_CLUSTER_SIZE}); without it, one ICR write per target (physical x2APIC mode). An
 * ICR write exits with MSR_WRITE unless IPI virtualisation handles it (Intel {@code enable_ipiv}).
 */
public final class IpiRouting {

  /** Targets one {@code KVM_HC_SEND_IPI} hypercall can address. */
  public static final int PV_IPI_CLUSTER = 128;

  private IpiRouting() {}

  /** MSR_WRITE exits of one single-target IPI. */
  public static double unicastMsrWrites(HostProfile host) {
    return host.ipiVirtualization() ? 0 : 1;
  }

  /** Targets of one TLB shootdown: every other vCPU (an upper bound). */
  public static int shootdownTargets(HostProfile host) {
    return host.guestVcpus() - 1;
  }

  /**
   * MSR_WRITE exits per shootdown IPI (one IPI per target CPU): each is an ICR write when the
   * shootdown has a single target or the guest has no PV send-IPI.
   */
  public static double msrWritesPerShootdownIpi(HostProfile host) {
    int targets = shootdownTargets(host);
    return targets <= 1 || !host.pvSendIpi() ? unicastMsrWrites(host) : 0;
  }

  /**
   * VMCALL exits per shootdown IPI: with PV send-IPI and several targets, a shootdown to {@code
   * k} CPUs is {@code ceil(k / 128)} hypercalls, shared by its {@code k} IPIs.
   */
  public static double hypercallsPerShootdownIpi(HostProfile host) {
    int targets = shootdownTargets(host);
    if (targets <= 1 || !host.pvSendIpi()) {
      return 0;
    }
    return Math.ceil(targets / (double) PV_IPI_CLUSTER) / targets;
  }
}
