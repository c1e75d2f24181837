package dev.countersign.vmexit;

import dev.countersign.junit.ExitReason;
import dev.countersign.vmexit.GuestActivity.SpinEpisode;
import java.util.Set;

/**
 * PAUSE exits: Intel PAUSE-loop exiting ({@link PauseLoopExiting}, CPL 0 only) or the AMD pause
 * filter ({@link PauseFilter}, any mode), replayed over the invocation's spins in order on one
 * vCPU that starts with the base window. None when the VMM disabled PAUSE exits ({@code
 * KVM_CAP_X86_DISABLE_EXITS}: {@code kvm_pause_in_guest}), with {@code ple_gap = 0}, or with a zero
 * pause-filter count or threshold.
 */
public final class PauseRule implements ExitRule {

  @Override
  public ExitReason reason() {
    return ExitReason.PAUSE;
  }

  @Override
  public Set<Cause> needs(HostProfile host) {
    return canExit(host) ? Set.of(Cause.SPINS) : Set.of();
  }

  private static boolean canExit(HostProfile host) {
    if (!host.pauseExits()) {
      return false;
    }
    return switch (host.vendor()) {
      case INTEL_VMX -> host.ple().gap() > 0;
      case AMD_SVM -> new PauseFilter(host.pauseFilter()).enabled();
    };
  }

  @Override
  public double exits(GuestActivity activity, HostProfile host) {
    if (!canExit(host)) {
      return 0;
    }
    long exits = 0;
    switch (host.vendor()) {
      case INTEL_VMX -> {
        PauseLoopExiting ple = new PauseLoopExiting(host.ple());
        for (SpinEpisode s : activity.spins()) {
          exits += ple.spin(s);
        }
      }
      case AMD_SVM -> {
        PauseFilter filter = new PauseFilter(host.pauseFilter());
        for (SpinEpisode s : activity.spins()) {
          exits += filter.spin(s);
        }
      }
    }
    return exits;
  }
}
