package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AMD pause filter (APM Vol. 2, Pause Intercept Filtering) with KVM's grow/shrink (svm.c). */
class PauseFilterTest {

  private static final HostProfile.PauseFilter DEFAULT =
      new HostProfile.PauseFilter(3000, 128, 2, 0, 65535);

  @Test
  void thePauseThatTakesTheCountBelowZeroExits() {
    assertEquals(0, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 3000, 50, false)));
    assertEquals(1, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 3001, 50, false)));
  }

  @Test
  void userModePausesCountOnAmd() {
    assertEquals(1, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 3001, 50, false)));
    assertEquals(1, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 3001, 50, true)));
  }

  @Test
  void theCountIsReloadedWhenTheGapExceedsTheThreshold() {
    PauseFilter apart = new PauseFilter(DEFAULT);
    // 2,000 + 2,000 PAUSEs 129 ticks apart at the seam: reloaded, no exit
    long e1 = apart.spin(new SpinEpisode(0, 2000, 50, false));
    long e2 = apart.spin(new SpinEpisode(1999 * 50 + 129, 2000, 50, false));
    assertEquals(0, e1 + e2);
    // the same 4,000 PAUSEs with 128 ticks at the seam: one count, one exit
    PauseFilter close = new PauseFilter(DEFAULT);
    long c1 = close.spin(new SpinEpisode(0, 2000, 50, false));
    long c2 = close.spin(new SpinEpisode(1999 * 50 + 128, 2000, 50, false));
    assertEquals(1, c1 + c2);
  }

  @Test
  void pausesFurtherApartThanTheThresholdNeverExit() {
    assertEquals(0, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 10_000_000, 129, false)));
  }

  @Test
  void theCountGrowsAfterEachExitAndIsCappedAtTheMaximum() {
    // 3001 PAUSEs exit once; the count becomes 6000, so 6001 more exit again
    assertEquals(1, new PauseFilter(DEFAULT).spin(new SpinEpisode(0, 3001 + 6000, 10, false)));
    PauseFilter f = new PauseFilter(DEFAULT);
    assertEquals(2, f.spin(new SpinEpisode(0, 3001 + 6001, 10, false)));
    assertEquals(12000, f.count());
    // 3000 -> 6000 -> 12000 -> 24000 -> 48000 -> 65535 (max), then each exit takes 65536 PAUSEs
    long upToMax = 3001 + 6001 + 12001 + 24001 + 48001;
    PauseFilter g = new PauseFilter(DEFAULT);
    assertEquals(5 + 10, g.spin(new SpinEpisode(0, upToMax + 10 * 65536, 10, false)));
    assertEquals(65535, g.count());
  }

  @Test
  void aScheduleOutShrinksTheCountToTheBase() {
    PauseFilter f = new PauseFilter(DEFAULT);
    f.spin(new SpinEpisode(0, 3001 + 6001, 10, false));
    f.scheduledOut();
    assertEquals(3000, f.count());
    assertEquals(1, f.spin(new SpinEpisode(10_000_000, 3001, 10, false)));
  }

  @Test
  void aZeroCountOrThresholdDisablesTheFilter() {
    HostProfile.PauseFilter noCount = new HostProfile.PauseFilter(0, 128, 2, 0, 65535);
    HostProfile.PauseFilter noThreshold = new HostProfile.PauseFilter(3000, 0, 2, 0, 65535);
    assertEquals(0, new PauseFilter(noCount).spin(new SpinEpisode(0, 1_000_000, 10, false)));
    assertEquals(0, new PauseFilter(noThreshold).spin(new SpinEpisode(0, 1_000_000, 10, false)));
  }

  @Test
  void agreesWithAPauseByPauseReplayOfTheApmRule() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 300; trial++) {
      int count = random.nextInt(1, 500);
      HostProfile.PauseFilter p = new HostProfile.PauseFilter(count, random.nextInt(1, 200),
          random.nextInt(0, 4), random.nextInt(0, 3), random.nextBoolean() ? count : 5000);
      List<SpinEpisode> spins = new ArrayList<>();
      long t = 0;
      for (int e = 0; e < 4; e++) {
        t += random.nextInt(0, 300);
        SpinEpisode s = new SpinEpisode(t, random.nextInt(0, 3000), random.nextInt(0, 250),
            random.nextBoolean());
        spins.add(s);
        t += s.durationTicks();
      }
      PauseFilter fast = new PauseFilter(p);
      long fastExits = 0;
      for (SpinEpisode s : spins) {
        fastExits += fast.spin(s);
      }
      assertEquals(replay(p, spins), fastExits, "trial " + trial + " " + p + " " + spins);
    }
  }

  /** The APM rule applied one PAUSE at a time, with KVM's growth on each exit. */
  private static long replay(HostProfile.PauseFilter p, List<SpinEpisode> spins) {
    long count = p.count();
    long counter = 0;
    boolean first = true;
    long previous = 0;
    long exits = 0;
    for (SpinEpisode s : spins) {
      for (long k = 0; k < s.pauses(); k++) {
        long t = s.startTsc() + k * s.gapTicks();
        if (first || t - previous > p.threshold()) {
          counter = count;
        }
        first = false;
        previous = t;
        counter--;
        if (counter < 0) {
          exits++;
          count = KvmWindow.grow(count, p.count(), p.grow(), p.max());
          first = true;
        }
      }
    }
    return exits;
  }
}
