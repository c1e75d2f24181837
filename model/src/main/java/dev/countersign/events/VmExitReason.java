package dev.countersign.events;

/**
 * KVM VM-exit reasons the model estimates: the model's own copy of the public {@code
 * dev.countersign.junit.ExitReason}, so that the model and the engine need not depend on the JUnit
 * layer (as JUnit's engine has its own {@code Node.ExecutionMode} beside the API's {@code
 * ExecutionMode}). The JUnit layer maps an annotation's value by name; a test keeps both enums'
 * constants identical and in the same order. Numbers are the basic exit reasons of Intel SDM Vol.
 * 3D, Appendix C (AMD SVM exits are mapped onto the same names).
 */
public enum VmExitReason {
  /** All reasons together. */
  ANY(-1),
  /** PAUSE-loop exit (VMX reason 40) or SVM pause-filter exit (0x77). */
  PAUSE(40),
  /** First guest access to a guest-physical page with no EPT/NPT entry (48). */
  EPT_VIOLATION(48),
  /** Access to an MMIO-marked EPT entry, e.g. a virtio notify (49). */
  EPT_MISCONFIG(49),
  /** WRMSR intercepted: x2APIC ICR (0x830), TSC deadline (0x6E0) (32). */
  MSR_WRITE(32),
  /** Hypercall: PV IPIs, PV TLB flush (18). */
  VMCALL(18),
  /** Guest idle (12). */
  HLT(12),
  /** Host interrupt while the guest runs (1). */
  EXTERNAL_INTERRUPT(1),
  /** VMX-preemption timer expired, used by KVM for the guest's TSC deadline (52). */
  PREEMPTION_TIMER(52),
  /** Port I/O (30). */
  IO_INSTRUCTION(30);

  private final int vmxCode;

  VmExitReason(int vmxCode) {
    this.vmxCode = vmxCode;
  }

  /** The Intel VMX basic exit reason number; -1 for {@link #ANY}. */
  public int vmxCode() {
    return vmxCode;
  }
}
