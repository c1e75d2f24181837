package dev.countersign.workloads;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Spin-lock workload: a test-and-test-and-set lock whose waiters spin with {@link
 * Thread#onSpinWait()} (a PAUSE on x86 once compiled), taken alternately by the calling thread and
 * one helper thread. User-mode PAUSEs never cause PAUSE-loop exits on Intel; on AMD a wait longer
 * than the pause-filter count exits. The regressed twin does its work inside the critical section
 * (ten times longer holds), so waiters spin long enough to exit on AMD.
 */
public final class SpinLock {

  private final AtomicBoolean held = new AtomicBoolean();
  private final boolean regressed;
  private long shared;

  public SpinLock(boolean regressed) {
    this.regressed = regressed;
  }

  private void lock() {
    while (!held.compareAndSet(false, true)) {
      while (held.get()) {
        Thread.onSpinWait();
      }
    }
  }

  private void unlock() {
    held.set(false);
  }

  /** Both threads take the lock {@code rounds} times each; returns the shared counter. */
  public long run(int rounds) throws InterruptedException {
    shared = 0;
    Thread helper = new Thread(() -> work(rounds), "spin-lock-helper");
    helper.start();
    work(rounds);
    helper.join();
    return shared;
  }

  private void work(int rounds) {
    long local = 0;
    for (int i = 0; i < rounds; i++) {
      if (!regressed) {
        local = mix(local, i, 50);
      }
      lock();
      try {
        if (regressed) {
          local = mix(local, i, 500);
        }
        shared++;
      } finally {
        unlock();
      }
    }
    if (local == 42) {
      // keeps the mixing alive for the JIT; practically never true
      shared += 0;
    }
  }

  private static long mix(long seed, int i, int steps) {
    long x = seed ^ i;
    for (int k = 0; k < steps; k++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
