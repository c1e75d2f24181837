package dev.countersign.workloads;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Spin-then-park lock: a waiter spins with {@link Thread#onSpinWait()} (a PAUSE on x86 once
 * compiled) up to a spin limit, then parks until the holder hands the lock over. The workload
 * takes the lock while a partner thread holds it for 20 ms each round, so every acquisition spins
 * exactly the limit: 1,000 PAUSEs, fewer than AMD's pause-filter count (3,000), so no exit. The
 * regressed twin raised the limit to 10,000 — two pause-filter exits per acquisition on AMD,
 * still none on Intel, where PAUSE-loop exiting ignores user mode.
 */
public final class SpinThenParkLock {

  /** How long the partner holds the lock per round, ns. */
  public static final long HOLD_NS = 20_000_000;

  private final int spinLimit;
  private final AtomicReference<Thread> owner = new AtomicReference<>();
  private volatile Thread waiter;

  public SpinThenParkLock(boolean regressed) {
    this.spinLimit = regressed ? 10_000 : 1_000;
  }

  /** The PAUSEs one acquisition spins before parking. */
  public int spinLimit() {
    return spinLimit;
  }

  private void lock() {
    Thread me = Thread.currentThread();
    for (int i = 0; i < spinLimit; i++) {
      if (owner.compareAndSet(null, me)) {
        return;
      }
      Thread.onSpinWait();
    }
    waiter = me;
    while (!owner.compareAndSet(null, me)) {
      LockSupport.park(this);
    }
    waiter = null;
  }

  private void unlock() {
    owner.set(null);
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /**
   * {@code rounds} times: the partner takes the lock and holds it for {@link #HOLD_NS}; the caller
   * then acquires it (spinning, then parking) and releases it. Returns the rounds completed.
   */
  public int run(int rounds) throws InterruptedException {
    int done = 0;
    Object turn = new Object();
    boolean[] partnerHolds = new boolean[1];
    Thread partner = new Thread(() -> {
      for (int r = 0; r < rounds; r++) {
        while (!owner.compareAndSet(null, Thread.currentThread())) {
          LockSupport.parkNanos(100_000);
        }
        synchronized (turn) {
          partnerHolds[0] = true;
          turn.notifyAll();
        }
        long end = System.nanoTime() + HOLD_NS;
        for (long left = HOLD_NS; left > 0; left = end - System.nanoTime()) {
          LockSupport.parkNanos(left);
        }
        unlock();
        synchronized (turn) {
          while (partnerHolds[0]) {
            try {
              turn.wait();
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }
    }, "spin-lock-partner");
    partner.start();
    for (int r = 0; r < rounds; r++) {
      synchronized (turn) {
        while (!partnerHolds[0]) {
          turn.wait();
        }
      }
      lock();
      done++;
      owner.set(null);
      synchronized (turn) {
        partnerHolds[0] = false;
        turn.notifyAll();
      }
    }
    partner.join();
    return done;
  }
}
