package dev.countersign.vmexit;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.List;
import java.util.Set;

/**
 * PAUSE exits: Intel PAUSE-loop exiting ({@link PauseLoopExiting}, CPL 0 only) or the AMD pause
 * filter ({@link PauseFilter}, any mode), replayed over the invocation's spins in order on one
 * vCPU that starts with the base window, with the schedule-outs of {@link #scheduleOuts}. None when the VMM disabled PAUSE exits ({@code
 * KVM_CAP_X86_DISABLE_EXITS}: {@code kvm_pause_in_guest}), with {@code ple_gap = 0}, or with a zero
 * pause-filter count or threshold.
 */
public final class PauseRule implements ExitRule {

  @Override
  public VmExitReason reason() {
    return VmExitReason.PAUSE;
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
    List<SpinEpisode> spins = activity.spins();
    long scheduleOuts = scheduleOuts(activity, host);
    long exits = 0;
    switch (host.vendor()) {
      case INTEL_VMX -> {
        PauseLoopExiting ple = new PauseLoopExiting(host.ple());
        for (int i = 0; i < spins.size(); i++) {
          if (i > 0 && i <= scheduleOuts) {
            ple.scheduledOut();
          }
          exits += ple.spin(spins.get(i));
        }
      }
      case AMD_SVM -> {
        PauseFilter filter = new PauseFilter(host.pauseFilter());
        for (int i = 0; i < spins.size(); i++) {
          if (i > 0 && i <= scheduleOuts) {
            filter.scheduledOut();
          }
          exits += filter.spin(spins.get(i));
        }
      }
    }
    return exits;
  }

  /**
   * How many of the gaps between spins hold a host schedule-out, placed in the first gaps. A
   * halting vCPU is scheduled out on the host ({@code kvm_vcpu_halt} once halt polling gives up),
   * and the window shrinks when it is loaded again ({@code shrink_ple_window} in vmx.c and svm.c).
   * The activity does not order halts against spins, so each idle entry is taken to fall in one
   * gap, as in spin-then-park locks; with HLT exits disabled the vCPU halts in guest mode and is
   * never scheduled out.
   */
  static long scheduleOuts(GuestActivity activity, HostProfile host) {
    if (!host.hltExits() || activity.spins().size() < 2) {
      return 0;
    }
    return Math.min(activity.idleEntries(), activity.spins().size() - 1L);
  }
}
