package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.VmExitReason;
import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties over seeded random activity, for every built-in profile. */
class MonotonicityTest {

  private final VmExitModel model = new VmExitModel();

  private static GuestActivity random(SplittableRandom r) {
    List<SpinEpisode> spins = new ArrayList<>();
    long t = 0;
    for (int i = r.nextInt(0, 4); i > 0; i--) {
      t += r.nextInt(0, 100_000);
      SpinEpisode s = new SpinEpisode(t, r.nextInt(0, 50_000), r.nextInt(1, 200), r.nextBoolean());
      spins.add(s);
      t += s.durationTicks();
    }
    return new GuestActivity(spins, r.nextInt(0, 5000), r.nextInt(0, 500), r.nextInt(0, 500),
        r.nextInt(0, 500), r.nextInt(0, 500), r.nextInt(0, 50), r.nextInt(0, 50),
        r.nextInt(0, 50), r.nextDouble() * 1e9);
  }

  /** The same activity with one more of cause {@code field} (0..9), or a longer last spin. */
  private static GuestActivity more(GuestActivity a, int field, int extra) {
    List<SpinEpisode> spins = new ArrayList<>(a.spins());
    if (field == 0) {
      spins.add(new SpinEpisode(Long.MAX_VALUE / 4, 10_000 * extra, 10, extra % 2 == 0));
    }
    return new GuestActivity(spins,
        a.pagesFirstTouched() + (field == 1 ? extra : 0),
        a.ipisSent() + (field == 2 ? extra : 0),
        a.tlbShootdowns() + (field == 3 ? extra : 0),
        a.timerArms() + (field == 4 ? extra : 0),
        a.idleEntries() + (field == 5 ? extra : 0),
        a.mmioKicks() + (field == 6 ? extra : 0),
        a.pioKicks() + (field == 7 ? extra : 0),
        a.hypercalls() + (field == 8 ? extra : 0),
        a.runTimeNs() + (field == 9 ? extra * 1e6 : 0));
  }

  @Test
  void moreOfACauseNeverGivesFewerExitsInTotal() {
    SplittableRandom r = new SplittableRandom(2026);
    for (String host : Profiles.builtIn().names()) {
      HostProfile h = Profiles.get(host);
      for (int trial = 0; trial < 200; trial++) {
        GuestActivity a = random(r);
        int field = r.nextInt(0, 10);
        GuestActivity b = more(a, field, r.nextInt(1, 100));
        double before = model.estimate(a, h).of(VmExitReason.ANY).orElseThrow();
        double after = model.estimate(b, h).of(VmExitReason.ANY).orElseThrow();
        assertTrue(after >= before, host + " field " + field + ": " + before + " -> " + after);
        for (VmExitReason reason : VmExitReason.values()) {
          // idle entries move timer expiries from PREEMPTION_TIMER/EXTERNAL_INTERRUPT to HLT
          boolean shifted = field == 5
              && (reason == VmExitReason.PREEMPTION_TIMER || reason == VmExitReason.EXTERNAL_INTERRUPT);
          if (!shifted) {
            assertTrue(model.estimate(b, h).of(reason).orElseThrow()
                >= model.estimate(a, h).of(reason).orElseThrow(), host + " " + reason);
          }
        }
      }
    }
  }

  @Test
  void aProfileThatDisablesAnExitGivesNoneOfIt() {
    SplittableRandom r = new SplittableRandom(99);
    HostProfile disabled = Profiles.get("kvm-exits-disabled");
    HostProfile pleOff = Profiles.get("intel-kvm-ple-off");
    HostProfile ipiv = Profiles.get("intel-kvm-ipiv");
    HostProfile intel = Profiles.get("intel-kvm-default");
    for (int trial = 0; trial < 200; trial++) {
      GuestActivity a = random(r);
      assertEquals(0, model.estimate(a, disabled).of(VmExitReason.HLT).orElseThrow());
      assertEquals(0, model.estimate(a, disabled).of(VmExitReason.PAUSE).orElseThrow());
      assertEquals(0, model.estimate(a, pleOff).of(VmExitReason.PAUSE).orElseThrow());
      // with IPIv, IPIs add no MSR_WRITE: only the timer arms remain
      assertEquals(a.timerArms(), model.estimate(a, ipiv).of(VmExitReason.MSR_WRITE).orElseThrow());
      // Intel never exits on user-mode spins
      GuestActivity userOnly = new GuestActivity(
          a.spins().stream().map(s -> new SpinEpisode(s.startTsc(), s.pauses(), s.gapTicks(),
              false)).toList(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
      assertEquals(0, model.estimate(userOnly, intel).of(VmExitReason.PAUSE).orElseThrow());
    }
  }
}
