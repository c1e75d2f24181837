package dev.countersign.junit;

import dev.countersign.events.VmExitReason;

/**
 * KVM VM-exit reasons the model estimates. Numbers are the basic exit reasons of Intel SDM Vol. 3D,
 * Appendix C (AMD SVM exits are mapped onto the same names).
 */
public enum ExitReason {
  /** All reasons together. */
  ANY,
  /** PAUSE-loop exit (VMX reason 40) or SVM pause-filter exit (0x77). */
  PAUSE,
  /** First guest access to a guest-physical page with no EPT/NPT entry (48). */
  EPT_VIOLATION,
  /** Access to an MMIO-marked EPT entry, e.g. a virtio notify (49). */
  EPT_MISCONFIG,
  /** WRMSR intercepted: x2APIC ICR (0x830), TSC deadline (0x6E0) (32). */
  MSR_WRITE,
  /** Hypercall: PV IPIs, PV TLB flush (18). */
  VMCALL,
  /** Guest idle (12). */
  HLT,
  /** Host interrupt while the guest runs (1). */
  EXTERNAL_INTERRUPT,
  /** VMX-preemption timer expired, used by KVM for the guest's TSC deadline (52). */
  PREEMPTION_TIMER,
  /** Port I/O (30). */
  IO_INSTRUCTION;

  /** The Intel VMX basic exit reason number; -1 for {@link #ANY}. */
  public int vmxCode() {
    // the numbers live in the model's enum, which has the same constants (ExitReasonMappingTest)
    return VmExitReason.valueOf(name()).vmxCode();
  }
}
