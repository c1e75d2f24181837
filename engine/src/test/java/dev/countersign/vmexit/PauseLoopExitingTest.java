package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Intel PLE (SDM Vol. 3C, PAUSE) with KVM's grow/shrink (vmx.c). */
class PauseLoopExitingTest {

  private static final HostProfile.Ple DEFAULT = new HostProfile.Ple(128, 4096, 2, 0, 4294967295L);

  /** A CPL0 spin lasting {@code ticks}, one PAUSE every {@code gap} ticks. */
  private static SpinEpisode kernelSpin(long start, long ticks, long gap) {
    return new SpinEpisode(start, ticks / gap + 1, gap, true);
  }

  @Test
  void oneKernelSpinExitsFloorLog2OfTOverW0PlusOneTimes() {
    // exits at about W0, 3·W0, 7·W0, ... (REFERENCE.md); T chosen inside the bands so that the
    // discrete restarts (one gap after each exit) cannot move a boundary across T
    long w0 = 4096;
    for (long t : new long[] {2_000, 6_000, 20_000, 40_000, 100_000, 1_000_000, 10_000_000}) {
      int expected = (int) Math.floor(Math.log((double) t / w0 + 1) / Math.log(2));
      PauseLoopExiting ple = new PauseLoopExiting(DEFAULT);
      assertEquals(expected, ple.spin(kernelSpin(0, t, 10)), "T = " + t);
    }
  }

  @Test
  void exitsAtTheFirstPauseBeyondEachWindowCountedFromTheLoopStart() {
    // gap 100: exit at t=4100 (first t > 4096); the next PAUSE, t=4200, starts a loop with window
    // 8192: exit at t=12400 (first t > 12392); then a loop at 12500 with 16384: exit at 28900
    assertEquals(1, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 124, 100, true)));
    assertEquals(2, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 125, 100, true)));
    assertEquals(2, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 289, 100, true)));
    assertEquals(3, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 290, 100, true)));
    assertEquals(0, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 41, 100, true)));
    assertEquals(1, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 42, 100, true)));
  }

  @Test
  void userModeSpinsNeverExit() {
    PauseLoopExiting ple = new PauseLoopExiting(DEFAULT);
    assertEquals(0, ple.spin(new SpinEpisode(0, 100_000_000, 10, false)));
    assertEquals(4096, ple.window());
  }

  @Test
  void pausesFurtherApartThanTheGapNeverFormALoop() {
    assertEquals(0, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 1_000_000, 129, true)));
    assertEquals(3, new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 290, 100, true)));
  }

  @Test
  void pleGapZeroDisablesPle() {
    HostProfile.Ple off = new HostProfile.Ple(0, 4096, 2, 0, 4294967295L);
    assertEquals(0, new PauseLoopExiting(off).spin(kernelSpin(0, 10_000_000, 10)));
  }

  @Test
  void theWindowGrowsWithEachExitAndResetsAfterAScheduleOut() {
    PauseLoopExiting ple = new PauseLoopExiting(DEFAULT);
    assertEquals(2, ple.spin(kernelSpin(0, 20_000, 10)));
    assertEquals(16384, ple.window());
    // a second spin later continues with the grown window: 20,000 ticks now exit once (> 16,384)
    assertEquals(1, ple.spin(kernelSpin(1_000_000, 20_000, 10)));
    assertEquals(32768, ple.window());
    // schedule-out with ple_window_shrink 0: back to the base, and the first spin's count again
    ple.scheduledOut();
    assertEquals(4096, ple.window());
    assertEquals(2, ple.spin(kernelSpin(2_000_000, 20_000, 10)));
  }

  @Test
  void aShrinkModifierDividesTheWindowAtScheduleOut() {
    PauseLoopExiting ple = new PauseLoopExiting(new HostProfile.Ple(128, 4096, 2, 2, 1L << 32));
    ple.spin(kernelSpin(0, 40_000, 10)); // exits 3 times: 4096 -> 32768
    assertEquals(32768, ple.window());
    ple.scheduledOut();
    assertEquals(16384, ple.window());
  }

  @Test
  void aSpinContinuingWithinTheGapIsTheSameLoop() {
    // two halves of a 20,000-tick spin, the second starting one gap after the first ends
    PauseLoopExiting split = new PauseLoopExiting(DEFAULT);
    long exits = split.spin(new SpinEpisode(0, 1001, 10, true))
        + split.spin(new SpinEpisode(10_010, 999, 10, true));
    assertEquals(new PauseLoopExiting(DEFAULT).spin(new SpinEpisode(0, 2000, 10, true)), exits);
  }

  @Test
  void aWindowAtItsMaximumExitsOncePerWindow() {
    // max = base: the window never grows; each loop is window/gap + 2 PAUSEs
    PauseLoopExiting ple = new PauseLoopExiting(new HostProfile.Ple(128, 1000, 2, 0, 1000));
    // gap 10: loop of 102 PAUSEs per exit
    assertEquals(1_000_000 / 102, ple.spin(new SpinEpisode(0, 1_000_000, 10, true)));
  }

  @Test
  void agreesWithAPauseByPauseReplayOfTheSdmRule() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 300; trial++) {
      HostProfile.Ple p = new HostProfile.Ple(random.nextInt(1, 200), random.nextInt(1, 3000),
          random.nextInt(0, 4), random.nextInt(0, 3), random.nextBoolean() ? 5000 : 1L << 40);
      if (p.max() < p.window()) {
        continue;
      }
      List<SpinEpisode> spins = new ArrayList<>();
      long t = 0;
      for (int e = 0; e < 4; e++) {
        t += random.nextInt(0, 400);
        SpinEpisode s = new SpinEpisode(t, random.nextInt(0, 3000), random.nextInt(0, 250),
            random.nextInt(5) != 0);
        spins.add(s);
        t += s.durationTicks();
      }
      PauseLoopExiting fast = new PauseLoopExiting(p);
      long fastExits = 0;
      for (SpinEpisode s : spins) {
        fastExits += fast.spin(s);
      }
      assertEquals(replay(p, spins), fastExits, "trial " + trial + " " + p + " " + spins);
    }
  }

  /** The SDM's rule applied one PAUSE at a time, with KVM's growth on each exit. */
  private static long replay(HostProfile.Ple p, List<SpinEpisode> spins) {
    if (p.gap() == 0) {
      return 0;
    }
    long window = p.window();
    boolean first = true;
    long previous = 0;
    long loopStart = 0;
    long exits = 0;
    for (SpinEpisode s : spins) {
      if (!s.kernelMode()) {
        continue;
      }
      for (long k = 0; k < s.pauses(); k++) {
        long t = s.startTsc() + k * s.gapTicks();
        if (first || t - previous > p.gap()) {
          loopStart = t;
          first = false;
        } else if (t - loopStart > window) {
          exits++;
          window = KvmWindow.grow(window, p.window(), p.grow(), p.max());
          first = true;
        }
        previous = t;
      }
    }
    return exits;
  }
}
