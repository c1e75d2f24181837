package dev.countersign.vmexit;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;

/**
 * Intel PAUSE-loop exiting on one vCPU, with KVM's adaptive window. Follows Intel SDM Vol. 3C,
 * "Instructions That Cause VM Exits Conditionally" (PAUSE): PLE is ignored when CPL &gt; 0; a CPL0
 * PAUSE more than {@code PLE_Gap} ticks after the previous one (or the first after VM entry) starts
 * a loop; a PAUSE more than {@code PLE_Window} ticks after the start of its loop exits. On each
 * exit KVM's {@code handle_pause} calls {@code grow_ple_window} (arch/x86/kvm/vmx/vmx.c); at vCPU
 * load after a schedule-out it calls {@code shrink_ple_window}.
 *
 * <p>Mutable: one instance follows one vCPU through a sequence of spins. Work per episode is
 * proportional to the number of exits while the window still grows, constant once it is stable.
 */
public final class PauseLoopExiting {

  private final HostProfile.Ple ple;
  private long window;
  private long loopStart;
  private long previousPause;
  /** No CPL0 PAUSE since the last VM entry (at start, after an exit, after a schedule-out). */
  private boolean firstSinceEntry = true;

  public PauseLoopExiting(HostProfile.Ple ple) {
    this.ple = ple;
    this.window = ple.window();
  }

  /** The current window, TSC ticks. */
  public long window() {
    return window;
  }

  /** Runs one spin episode; returns the PLE exits it causes. User-mode episodes never exit. */
  public long spin(SpinEpisode episode) {
    long n = episode.pauses();
    if (!episode.kernelMode() || ple.gap() == 0 || n <= 0) {
      // SDM: "PAUSE-loop exiting is ignored if CPL > 0"; ple_gap = 0 clears the control
      return 0;
    }
    long g = episode.gapTicks();
    long t0 = episode.startTsc();
    long last = t0 + (n - 1) * g;
    long exits = 0;
    long next;
    if (firstSinceEntry || t0 - previousPause > ple.gap()) {
      loopStart = t0;
      next = 1;
    } else {
      next = 0;
    }
    if (g > ple.gap()) {
      // each later PAUSE starts its own loop; only the first can end a loop carried over
      if (next == 0 && t0 - loopStart > window) {
        exits = 1;
        window = KvmWindow.grow(window, ple.window(), ple.grow(), ple.max());
      }
      if (n > 1) {
        loopStart = last;
      }
      previousPause = last;
      firstSinceEntry = exits == 1 && n == 1;
      return exits;
    }
    while (true) {
      // first PAUSE index j >= next with t0 + j*g - loopStart > window
      long slack = loopStart + window - t0;
      long j = slack < 0 ? 0 : (g == 0 ? Long.MAX_VALUE : slack / g + 1);
      j = Math.max(j, next);
      if (j >= n) {
        previousPause = last;
        firstSinceEntry = false;
        return exits;
      }
      exits++;
      long grown = KvmWindow.grow(window, ple.window(), ple.grow(), ple.max());
      long start = j + 1;
      if (start >= n) {
        window = grown;
        previousPause = last;
        firstSinceEntry = true;
        return exits;
      }
      if (grown == window) {
        // the window no longer changes: every later loop is window/g + 2 PAUSEs long
        long cycle = window / g + 2;
        long more = (n - start) / cycle;
        exits += more;
        long lastLoop = start + more * cycle;
        previousPause = last;
        firstSinceEntry = lastLoop >= n;
        loopStart = t0 + lastLoop * g;
        return exits;
      }
      window = grown;
      loopStart = t0 + start * g;
      next = start + 1;
    }
  }

  /** The vCPU was scheduled out and is loaded again: {@code shrink_ple_window}. */
  public void scheduledOut() {
    window = KvmWindow.shrink(window, ple.window(), ple.shrink());
    firstSinceEntry = true;
  }
}
