package dev.countersign.sim.agent;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest events one simulated thread produced in an iteration: PAUSE runs grouped into spin
 * episodes by their gap, IPIs, TLB shootdowns, timer arms and idle entries. Timestamps are TSC
 * ticks supplied by the {@link Machine}.
 */
final class GuestEvents {

  private final long maxGapTicks;
  private final List<SpinEpisode> spins = new ArrayList<>();
  private long spinStart;
  private long spinLast;
  private long spinCount;
  long ipis;
  long shootdowns;
  long timerArms;
  long idleEntries;

  /** @param maxGapTicks the largest gap between two PAUSEs of one episode, TSC ticks */
  GuestEvents(long maxGapTicks) {
    this.maxGapTicks = maxGapTicks;
  }

  void reset() {
    spins.clear();
    spinCount = 0;
    ipis = 0;
    shootdowns = 0;
    timerArms = 0;
    idleEntries = 0;
  }

  /** One PAUSE at TSC {@code now}. */
  void pause(long now) {
    if (spinCount > 0 && now - spinLast <= maxGapTicks) {
      spinCount++;
      spinLast = now;
    } else {
      closeSpin();
      spinStart = now;
      spinLast = now;
      spinCount = 1;
    }
  }

  /** Ends the spin episode in progress, if any. */
  void closeSpin() {
    if (spinCount > 0) {
      long gap = spinCount > 1 ? (spinLast - spinStart) / (spinCount - 1) : 0;
      spins.add(new SpinEpisode(spinStart, spinCount, gap, false));
      spinCount = 0;
    }
  }

  /** The thread blocks; a timed block arms a timer. */
  void blocks(boolean timed) {
    closeSpin();
    idleEntries++;
    if (timed) {
      timerArms++;
    }
  }

  List<SpinEpisode> spins() {
    return spins;
  }
}
