package dev.countersign.workloads;

import java.util.concurrent.locks.LockSupport;

/**
 * Park-based hand-off: the calling thread and a partner pass a turn back and forth, each waiting
 * with {@link LockSupport#park()} and waking the other with {@link LockSupport#unpark}. Every
 * hand-off blocks one thread (the vCPU may idle: HLT) and wakes another (an IPI: an x2APIC ICR
 * write). The regressed twin waits with a 20 µs timed park in a loop, as a poll-with-timeout lock
 * does, adding TSC-deadline writes and wake-ups per hand-off.
 */
public final class ParkingPingPong {

  private static final long POLL_NS = 20_000;

  private final boolean regressed;
  private volatile int turn;

  public ParkingPingPong(boolean regressed) {
    this.regressed = regressed;
  }

  /** Passes the turn {@code handOffs} times each way; returns the number of passes made. */
  public int run(int handOffs) throws InterruptedException {
    turn = 0;
    Thread caller = Thread.currentThread();
    int[] partnerPasses = new int[1];
    Thread partner = new Thread(() -> partnerPasses[0] = play(1, handOffs, caller),
        "ping-pong-partner");
    partner.start();
    int passes = play(0, handOffs, partner);
    partner.join();
    return passes + partnerPasses[0];
  }

  /** Waits for the turn and passes it on, {@code handOffs} times; returns the passes made. */
  private int play(int me, int handOffs, Thread other) {
    int passes = 0;
    for (int i = 0; i < handOffs; i++) {
      while (turn != me) {
        if (regressed) {
          LockSupport.parkNanos(this, POLL_NS);
        } else {
          LockSupport.park(this);
        }
      }
      turn = 1 - me;
      passes++;
      LockSupport.unpark(other);
    }
    return passes;
  }
}
