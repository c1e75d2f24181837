package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule, with the numbers worked out by hand from the rule's citation. */
class ExitRulesTest {

  private static final HostProfile INTEL = Profiles.get("intel-kvm-default");
  private static final HostProfile IPIV = Profiles.get("intel-kvm-ipiv");
  private static final HostProfile PLE_OFF = Profiles.get("intel-kvm-ple-off");
  private static final HostProfile AMD = Profiles.get("amd-kvm-default");
  private static final HostProfile DISABLED = Profiles.get("kvm-exits-disabled");

  private static GuestActivity activity(List<SpinEpisode> spins, long pages, long ipis,
      long shootdowns, long timers, long idle, long mmio, long pio, long hypercalls, double runNs) {
    return new GuestActivity(spins, pages, ipis, shootdowns, timers, idle, mmio, pio, hypercalls,
        runNs);
  }

  private static double exits(VmExitReason r, GuestActivity a, HostProfile h) {
    return new VmExitModel().estimate(a, h).of(r).orElseThrow();
  }

  @Test
  void pauseUserSpinsExitOnAmdOnlyAndKernelSpinsOnIntelUnlessPleIsOff() {
    GuestActivity user = activity(List.of(new SpinEpisode(0, 3001, 50, false)), 0, 0, 0, 0, 0, 0,
        0, 0, 0);
    assertEquals(0, exits(VmExitReason.PAUSE, user, INTEL));
    assertEquals(1, exits(VmExitReason.PAUSE, user, AMD));
    assertEquals(0, exits(VmExitReason.PAUSE, user, DISABLED));
    GuestActivity kernel = activity(List.of(new SpinEpisode(0, 2001, 10, true)), 0, 0, 0, 0, 0, 0,
        0, 0, 0);
    assertEquals(2, exits(VmExitReason.PAUSE, kernel, INTEL)); // 20,000 ticks: floor(log2(5.88))
    assertEquals(0, exits(VmExitReason.PAUSE, kernel, PLE_OFF));
    assertEquals(0, exits(VmExitReason.PAUSE, kernel, DISABLED));
  }

  @Test
  void pauseWindowsResetWhenTheVcpuHaltsBetweenSpins() {
    // two user spins of 10,000 PAUSEs on AMD: 2 exits each when the vCPU halted (and was
    // scheduled out) in between; without a halt the grown count (12,000) lets the second pass
    List<SpinEpisode> two = List.of(new SpinEpisode(0, 10_000, 50, false),
        new SpinEpisode(10_000_000, 10_000, 50, false));
    assertEquals(4, exits(VmExitReason.PAUSE, activity(two, 0, 0, 0, 0, 1, 0, 0, 0, 0), AMD));
    assertEquals(2, exits(VmExitReason.PAUSE, activity(two, 0, 0, 0, 0, 0, 0, 0, 0, 0), AMD));
    // Intel, CPL0 spins of 20,000 ticks: 2 exits each after a halt, 2 + 1 without
    List<SpinEpisode> kernel = List.of(new SpinEpisode(0, 2001, 10, true),
        new SpinEpisode(10_000_000, 2001, 10, true));
    assertEquals(4, exits(VmExitReason.PAUSE, activity(kernel, 0, 0, 0, 0, 1, 0, 0, 0, 0), INTEL));
    assertEquals(3, exits(VmExitReason.PAUSE, activity(kernel, 0, 0, 0, 0, 0, 0, 0, 0, 0), INTEL));
  }

  @Test
  void eptViolationsArePagesTouchedOrOnePer512WithHugePagesPlusRefaults() {
    GuestActivity touch = activity(List.of(), 1024, 0, 0, 0, 0, 0, 0, 0, 0);
    assertEquals(1024, exits(VmExitReason.EPT_VIOLATION, touch, INTEL));
    assertEquals(2, exits(VmExitReason.EPT_VIOLATION, touch, Profiles.withPages(INTEL, true, 0)));
    assertEquals(1536, exits(VmExitReason.EPT_VIOLATION, touch,
        Profiles.withPages(INTEL, false, 0.5)));
  }

  @Test
  void eptMisconfigIsOnePerMmioKickAndIoInstructionOnePerPioKick() {
    GuestActivity kicks = activity(List.of(), 0, 0, 0, 0, 0, 7, 3, 0, 0);
    assertEquals(7, exits(VmExitReason.EPT_MISCONFIG, kicks, AMD));
    assertEquals(3, exits(VmExitReason.IO_INSTRUCTION, kicks, AMD));
  }

  @Test
  void msrWritesAreTimerArmsPlusIcrWritesUnlessIpiVirtualisation() {
    GuestActivity a = activity(List.of(), 0, 10, 4, 100, 0, 0, 0, 0, 0);
    // 2 vCPUs: a shootdown has one target, a single IPI through the ICR even with PV send-IPI
    assertEquals(100 + 10 + 4, exits(VmExitReason.MSR_WRITE, a, INTEL));
    assertEquals(100, exits(VmExitReason.MSR_WRITE, a, IPIV));
    assertEquals(100 + 10 + 4, exits(VmExitReason.MSR_WRITE, a, DISABLED));
  }

  @Test
  void multiTargetShootdownsAreOneHypercallPer128TargetsWithPvSendIpi() {
    // 5 shootdowns to the 199 other vCPUs of a 200-vCPU guest: 995 IPIs, 2 hypercalls each
    GuestActivity a = activity(List.of(), 0, 0, 5 * 199, 0, 0, 0, 0, 2, 0);
    HostProfile big = Profiles.withVcpus(INTEL, 200);
    assertEquals(2 + 5 * 2, exits(VmExitReason.VMCALL, a, big), 1e-9);
    assertEquals(0, exits(VmExitReason.MSR_WRITE, a, big));
    HostProfile noPv = Profiles.withPvSendIpi(big, false); // one ICR write per target
    assertEquals(2, exits(VmExitReason.VMCALL, a, noPv));
    assertEquals(5 * 199, exits(VmExitReason.MSR_WRITE, a, noPv));
    // 2 vCPUs: a shootdown has one target, sent as a single IPI through the ICR, no hypercall
    GuestActivity small = activity(List.of(), 0, 0, 5, 0, 0, 0, 0, 2, 0);
    assertEquals(2, exits(VmExitReason.VMCALL, small, INTEL));
    assertEquals(5, exits(VmExitReason.MSR_WRITE, small, INTEL));
  }

  @Test
  void hltIsOnePerIdleEntryUnlessHltExitsAreDisabled() {
    GuestActivity a = activity(List.of(), 0, 0, 0, 0, 9, 0, 0, 0, 0);
    assertEquals(9, exits(VmExitReason.HLT, a, INTEL));
    assertEquals(9, exits(VmExitReason.HLT, a, AMD));
    assertEquals(0, exits(VmExitReason.HLT, a, DISABLED));
  }

  @Test
  void preemptionTimerExitsAreExpiriesWhileTheVcpuRuns() {
    // 10 arms, 4 of them followed by an idle entry: those expire on a host hrtimer while halted
    GuestActivity a = activity(List.of(), 0, 0, 0, 10, 4, 0, 0, 0, 0);
    assertEquals(6, exits(VmExitReason.PREEMPTION_TIMER, a, INTEL));
    assertEquals(10, exits(VmExitReason.PREEMPTION_TIMER, a, DISABLED)); // halts in guest mode
    assertEquals(0, exits(VmExitReason.PREEMPTION_TIMER, a, AMD)); // no VMX-preemption timer
  }

  @Test
  void externalInterruptsAreHostTicksOverRunTimePlusHrtimerExpiriesWithoutPreemptionTimer() {
    GuestActivity a = activity(List.of(), 0, 0, 0, 10, 4, 0, 0, 0, 2e9);
    assertEquals(500, exits(VmExitReason.EXTERNAL_INTERRUPT, a, INTEL), 1e-9); // 2 s × 250 Hz
    assertEquals(500 + 6, exits(VmExitReason.EXTERNAL_INTERRUPT, a, AMD), 1e-9);
    assertEquals(0, exits(VmExitReason.EXTERNAL_INTERRUPT, a, DISABLED)); // nohz_full host core
  }

  @Test
  void anyIsTheSumAndTheOverheadIsExitsTimesTheirCost() {
    GuestActivity a = activity(List.of(), 3, 2, 0, 5, 1, 0, 0, 0, 0);
    ExitEstimate e = new VmExitModel().estimate(a, INTEL);
    double sum = 0;
    double ns = 0;
    for (VmExitReason r : VmExitReason.values()) {
      if (r != VmExitReason.ANY) {
        sum += e.of(r).orElseThrow();
        ns += e.of(r).orElseThrow() * INTEL.costNs(r);
      }
    }
    assertEquals(3 + (5 + 2) + 1 + (5 - 1), sum);
    assertEquals(sum, e.of(VmExitReason.ANY).orElseThrow());
    assertEquals(3 * 3000 + 7 * 1000 + 1 * 1500 + 4 * 1000, e.overheadNs().orElseThrow(), 1e-9);
    assertEquals(ns, e.overheadNs().orElseThrow(), 1e-9);
  }

  @Test
  void aReasonNeedingAnUnobservedCauseIsUnknownNotZero() {
    GuestActivity a = activity(List.of(), 0, 0, 0, 5, 0, 0, 0, 0, 0);
    ExitEstimate e = new VmExitModel().estimate(a, AMD,
        java.util.Map.of(Cause.SPINS, "not visible"));
    assertTrue(e.of(VmExitReason.PAUSE).isEmpty());
    assertTrue(e.unknown().get(VmExitReason.PAUSE).contains("not visible"));
    assertTrue(e.of(VmExitReason.ANY).isEmpty());
    assertTrue(e.overheadNs().isEmpty());
    assertEquals(5, e.of(VmExitReason.MSR_WRITE).orElseThrow());
    // a host that cannot take PAUSE exits needs no spins to say zero
    ExitEstimate d = new VmExitModel().estimate(a, DISABLED,
        java.util.Map.of(Cause.SPINS, "not visible"));
    assertEquals(0, d.of(VmExitReason.PAUSE).orElseThrow());
  }
}
