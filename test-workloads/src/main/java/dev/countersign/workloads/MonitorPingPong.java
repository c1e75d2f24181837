package dev.countersign.workloads;

/**
 * Monitor-based hand-off: the calling thread and a partner pass a turn back and forth under one
 * monitor, each doing some work per pass outside it, waiting with {@code wait()} and signalling
 * every state change with {@code notifyAll()} — twice per pass (the turn, then the pass count), as
 * code that signals whatever it changed does. Every pass blocks one thread (HLT on an idle vCPU:
 * it is asleep while the other works) and wakes it once (an IPI): the second {@code notifyAll}
 * finds it already notified, not yet back from {@code wait}.
 */
public final class MonitorPingPong {

  private static final int WORK_STEPS = 10_000;

  private final Object lock = new Object();
  private volatile long sink;
  private int turn;
  private int passes;

  /** Passes the turn {@code handOffs} times each way; returns the number of passes made. */
  public int run(int handOffs) throws InterruptedException {
    synchronized (lock) {
      turn = 0;
      passes = 0;
    }
    Thread partner = new Thread(() -> play(1, handOffs), "monitor-ping-pong-partner");
    partner.start();
    play(0, handOffs);
    partner.join();
    synchronized (lock) {
      return passes;
    }
  }

  private void play(int me, int handOffs) {
    long work = 0;
    for (int i = 0; i < handOffs; i++) {
      synchronized (lock) {
        while (turn != me) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      // this side's work for the pass, outside the monitor: the partner is asleep meanwhile
      work += work(me + i);
      synchronized (lock) {
        turn = 1 - me;
        lock.notifyAll();
        passes++;
        lock.notifyAll();
      }
    }
    sink = work;
  }

  /** About 10 µs of arithmetic (JIT-compiled). */
  private static long work(long seed) {
    long x = seed;
    for (int k = 0; k < WORK_STEPS; k++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
