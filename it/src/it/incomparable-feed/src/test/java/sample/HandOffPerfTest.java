package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;
import java.util.concurrent.SynchronousQueue;

/** A hand-off to another thread through a SynchronousQueue: park/unpark, wake-up IPIs. */
class HandOffPerfTest {

  private static final int HAND_OFFS = 200;

  @PerfTest(warmup = 2, iterations = 5, opsPerInvocation = HAND_OFFS,
      events = {"vmexit.intel-kvm-default.MSR_WRITE"})
  void handOff() throws Exception {
    SynchronousQueue<Integer> queue = new SynchronousQueue<>();
    int[] sum = new int[1];
    Thread consumer = new Thread(() -> {
      try {
        for (int i = 0; i < HAND_OFFS; i++) {
          sum[0] += queue.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    consumer.start();
    for (int i = 0; i < HAND_OFFS; i++) {
      queue.put(1);
    }
    consumer.join();
    assertEquals(HAND_OFFS, sum[0]);
  }
}
