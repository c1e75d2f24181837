package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity;
import java.util.Set;

/**
 * IO_INSTRUCTION (30): port I/O, e.g. the notify of a legacy (PIO) virtio device ({@code
 * handle_io} in arch/x86/kvm/vmx/vmx.c, {@code io_interception} in svm.c): one exit per kick.
 */
public final class IoInstructionRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.IO_INSTRUCTION;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return Set.of(Cause.PIO_KICKS);
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    return activity.pioKicks();
  }
}
