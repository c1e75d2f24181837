package dev.countersign.workloads;

import java.util.concurrent.SynchronousQueue;

/**
 * Thread hand-off workload: a consumer thread started per invocation takes items one by one from
 * a {@link SynchronousQueue}, so every item is a park/unpark pair and context switches on both
 * sides. The regressed twin acknowledges every item back to the producer, doubling the hand-offs.
 */
public final class HandOff {

  private final boolean regressed;

  public HandOff(boolean regressed) {
    this.regressed = regressed;
  }

  /** Hands {@code items} items to a new consumer thread; returns their sum. */
  public long run(int items) throws InterruptedException {
    SynchronousQueue<Integer> queue = new SynchronousQueue<>();
    SynchronousQueue<Integer> acks = new SynchronousQueue<>();
    long[] sum = new long[1];
    Thread consumer = new Thread(() -> {
      try {
        for (int i = 0; i < items; i++) {
          int v = queue.take();
          sum[0] += v;
          if (regressed) {
            acks.put(v);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "hand-off-consumer");
    consumer.start();
    for (int i = 0; i < items; i++) {
      queue.put(i);
      if (regressed) {
        acks.take();
      }
    }
    consumer.join();
    return sum[0];
  }
}
