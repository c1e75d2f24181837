package dev.countersign.vmexit;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import dev.countersign.sim.agent.GuestActivity;

/**
 * AMD SVM pause filter on one vCPU, with KVM's adaptive count. Follows AMD APM Vol. 2, "Pause
 * Intercept Filtering": the count is loaded at VMRUN, each PAUSE — in any mode, user mode included
 * — decrements it, a PAUSE more than the threshold ticks after the previous one reloads it first,
 * and the PAUSE that takes it below zero exits (#VMEXIT 0x77). KVM's {@code pause_interception}
 * grows the count ({@code grow_ple_window} in arch/x86/kvm/svm/svm.c); vCPU load after a
 * schedule-out shrinks it. A count or threshold of 0 disables PAUSE exits ({@code svm_vm_init}
 * then sets {@code pause_in_guest}).
 *
 * <p>Mutable: one instance follows one vCPU through a sequence of spins.
 */
public final class PauseFilter {

  private final HostProfile.PauseFilter filter;
  private long count;
  private long counter;
  private long previousPause;
  /** No PAUSE since the last VMRUN: the next one sees a freshly loaded counter. */
  private boolean firstSinceEntry = true;

  public PauseFilter(HostProfile.PauseFilter filter) {
    this.filter = filter;
    this.count = filter.count();
  }

  /** Whether this filter can exit at all. */
  public boolean enabled() {
    return filter.count() > 0 && filter.threshold() > 0;
  }

  /** The current count loaded at VMRUN. */
  public long count() {
    return count;
  }

  /** Runs one spin episode; returns the pause-filter exits it causes. */
  public long spin(SpinEpisode episode) {
    long n = episode.pauses();
    if (!enabled() || n <= 0) {
      return 0;
    }
    long g = episode.gapTicks();
    long t0 = episode.startTsc();
    long last = t0 + (n - 1) * g;
    if (firstSinceEntry || t0 - previousPause > filter.threshold()) {
      counter = count;
    }
    long exits = 0;
    long next = 0;
    if (g > filter.threshold()) {
      // every PAUSE after the first reloads the counter before decrementing: only the first exits
      if (counter == 0) {
        exits = 1;
        count = KvmWindow.grow(count, filter.count(), filter.grow(), filter.max());
        counter = count - 1;
      } else {
        counter = n > 1 ? count - 1 : counter - 1;
      }
      previousPause = last;
      firstSinceEntry = exits == 1 && n == 1;
      return exits;
    }
    while (true) {
      long exitAt = next + counter;
      if (exitAt >= n) {
        counter -= n - next;
        previousPause = last;
        firstSinceEntry = false;
        return exits;
      }
      exits++;
      long grown = KvmWindow.grow(count, filter.count(), filter.grow(), filter.max());
      long start = exitAt + 1;
      if (start >= n) {
        count = grown;
        previousPause = last;
        firstSinceEntry = true;
        return exits;
      }
      if (grown == count) {
        // the count no longer changes: each later exit takes count + 1 PAUSEs
        long cycle = count + 1;
        long remaining = n - start;
        exits += remaining / cycle;
        long rest = remaining % cycle;
        counter = count - rest;
        previousPause = last;
        firstSinceEntry = rest == 0;
        return exits;
      }
      count = grown;
      counter = count;
      next = start;
    }
  }

  /** The vCPU was scheduled out and is loaded again: the count shrinks. */
  public void scheduledOut() {
    count = KvmWindow.shrink(count, filter.count(), filter.shrink());
    firstSinceEntry = true;
  }
}
