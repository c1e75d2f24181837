package dev.countersign.vmexit;

import dev.countersign.sim.agent.GuestActivity;
import java.util.EnumSet;
import java.util.Set;

/**
 * Guest TSC-deadline expiries that reach the host while the vCPU is in guest mode. Each arm is
 * taken to expire (an upper bound: a re-arm before expiry cancels one). While the vCPU is halted
 * in the host, KVM runs the deadline on a host hrtimer that merely wakes it ({@code
 * kvm_lapic_switch_to_sw_timer}, arch/x86/kvm/lapic.c), so one expiry per idle entry causes no
 * exit; with HLT exits disabled the vCPU halts in guest mode and every expiry exits.
 */
final class TimerExpiries {

  private TimerExpiries() {}

  static double whileRunning(GuestActivity activity, HostProfile host) {
    double inHost = host.hltExits() ? activity.idleEntries() : 0;
    return Math.max(0, activity.timerArms() - inHost);
  }

  static Set<Cause> needs(HostProfile host) {
    Set<Cause> needs = EnumSet.of(Cause.TIMER_ARMS);
    if (host.hltExits()) {
      needs.add(Cause.IDLE_ENTRIES);
    }
    return needs;
  }
}
