package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.sim.agent.GuestActivity;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking that happens inside the JDK — a {@code LockSupport.park} in {@code
 * AbstractQueuedSynchronizer}, {@code CompletableFuture} or {@code SynchronousQueue}, an {@code
 * Object.wait} in {@code PipedInputStream} — produces the simulator's guest events, with the real
 * agent (the JDK instrumented at load time) and a real hand-off between two threads: the waiter's
 * block is an idle entry (HLT; a timer arm when timed), the waker's unpark or notify of the
 * blocked thread a wake-up IPI, besides the IPI of {@code Thread.start}.
 *
 * <p>The measuring thread waits (with {@code Thread.yield}, which is no guest event) until the
 * partner is blocked inside the JDK before it releases it, so the counts are exact. The free
 * ping-pong through a {@code SynchronousQueue} is scheduling-dependent and is checked by a bound
 * that holds whatever the interleaving.
 */
class JdkBlockingGuestEventsTest {

  @BeforeAll
  static void agentIsAttached() {
    RealAgent.assumeAttached();
  }

  /** Something the partner thread blocks on inside the JDK, and what releases it. */
  private interface Blocker {

    /** Run by the partner: blocks until {@link #release()}. */
    void await() throws Exception;

    /** Run by the measuring thread once the partner is blocked. */
    void release() throws Exception;
  }

  private static GuestActivity measure(ThrowingRunnable workload) throws Exception {
    return RealAgent.guestActivity(workload::run);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Starts a partner that calls {@code h.await()}, waits until it is blocked ({@code state}),
   * releases it and joins it.
   */
  private static GuestActivity handOff(Blocker h, Thread.State state) throws Exception {
    Throwable[] failure = new Throwable[1];
    GuestActivity a = measure(() -> {
      Thread partner = new Thread(() -> {
        try {
          h.await();
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, "jdk-blocking-partner");
      partner.start();
      while (partner.getState() != state) {
        Thread.yield();
      }
      h.release();
      joinEnded(partner);
    });
    assertEquals(null, failure[0], "the partner failed");
    return a;
  }

  /**
   * Joins {@code t} once it has ended, so that the join does not block (ThreadJoinGuestEventsTest):
   * once it is no longer alive, not once its state is {@code TERMINATED}, which the VM sets first
   * ({@code ensure_join}), so that a join in between still waits for the VM's notify.
   */
  static void joinEnded(Thread t) throws InterruptedException {
    while (t.isAlive()) {
      Thread.yield();
    }
    t.join();
  }

  private static void assertOneBlockOneWakeUp(GuestActivity a, boolean timed) {
    assertEquals(1, a.idleEntries(), "the partner's block: " + a);
    assertEquals(2, a.ipisSent(), "Thread.start and the wake-up of the blocked partner: " + a);
    assertEquals(timed ? 1 : 0, a.timerArms(), a.toString());
  }

  @Test
  void reentrantLockParksTheContenderAndUnlockWakesIt() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    GuestActivity a = handOff(new Blocker() {
      @Override
      public void await() {
        lock.lock();
        lock.unlock();
      }

      @Override
      public void release() {
        lock.unlock();
      }
    }, Thread.State.WAITING);
    assertOneBlockOneWakeUp(a, false);
    assertTrue(!lock.isLocked(), "the partner took and released the lock");
  }

  @Test
  void countDownLatchAwaitParksAndCountDownWakes() throws Exception {
    CountDownLatch latch = new CountDownLatch(1);
    assertOneBlockOneWakeUp(handOff(new Blocker() {
      @Override
      public void await() throws InterruptedException {
        latch.await();
      }

      @Override
      public void release() {
        latch.countDown();
      }
    }, Thread.State.WAITING), false);
  }

  @Test
  void semaphoreAcquireParksAndReleaseWakes() throws Exception {
    Semaphore semaphore = new Semaphore(0);
    assertOneBlockOneWakeUp(handOff(new Blocker() {
      @Override
      public void await() throws InterruptedException {
        semaphore.acquire();
      }

      @Override
      public void release() {
        semaphore.release();
      }
    }, Thread.State.WAITING), false);
  }

  @Test
  void completableFutureGetParksAndCompleteWakes() throws Exception {
    CompletableFuture<String> future = new CompletableFuture<>();
    assertOneBlockOneWakeUp(handOff(new Blocker() {
      @Override
      public void await() throws InterruptedException, ExecutionException {
        assertEquals("done", future.get());
      }

      @Override
      public void release() {
        future.complete("done");
      }
    }, Thread.State.WAITING), false);
  }

  @Test
  void timedTryLockIsATimedBlock() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    Throwable[] failure = new Throwable[1];
    GuestActivity a = measure(() -> {
      lock.lock();
      Thread partner = new Thread(() -> {
        try {
          assertTrue(lock.tryLock(60, java.util.concurrent.TimeUnit.SECONDS));
          lock.unlock();
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, "jdk-blocking-partner");
      partner.start();
      while (partner.getState() != Thread.State.TIMED_WAITING) {
        Thread.yield();
      }
      lock.unlock();
      joinEnded(partner);
    });
    assertEquals(null, failure[0], "the partner failed");
    assertOneBlockOneWakeUp(a, true);
  }

  @Test
  void pipedStreamReadWaitsInsideTheJdkAndFlushNotifies() throws Exception {
    // PipedInputStream.read() waits with wait(1000) until data arrives; PipedOutputStream.flush()
    // notifies the reader (notifyAll on the sink)
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream out = new PipedOutputStream(in);
    int[] read = new int[1];
    GuestActivity a = handOff(new Blocker() {
      @Override
      public void await() throws IOException {
        read[0] = in.read();
      }

      @Override
      public void release() {
        try {
          out.write(42);
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }, Thread.State.TIMED_WAITING);
    assertEquals(42, read[0]);
    // a load stall of more than 1 s lets the reader's wait time out and wait once more
    assertTrue(a.idleEntries() >= 1, a.toString());
    assertEquals(a.idleEntries(), a.timerArms(), "every wait of the reader is timed: " + a);
    assertEquals(2, a.ipisSent(), "Thread.start and the notify of the waiting reader: " + a);
  }

  @Test
  void synchronousQueueTakeParksUntilEachPutWakesIt() throws Exception {
    int items = 50;
    SynchronousQueue<Integer> queue = new SynchronousQueue<>();
    AtomicInteger taken = new AtomicInteger();
    long[] sum = new long[1];
    Throwable[] failure = new Throwable[1];
    GuestActivity a = measure(() -> {
      Thread consumer = new Thread(() -> {
        try {
          for (int i = 0; i < items; i++) {
            sum[0] += queue.take();
            taken.incrementAndGet();
          }
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, "jdk-blocking-consumer");
      consumer.start();
      for (int i = 0; i < items; i++) {
        // the consumer took every earlier item and waits in take() for this one
        while (taken.get() != i || consumer.getState() != Thread.State.WAITING) {
          Thread.yield();
        }
        queue.put(i);
      }
      joinEnded(consumer);
    });
    assertEquals(null, failure[0], "the consumer failed");
    assertEquals((long) items * (items - 1) / 2, sum[0]);
    assertEquals(items, a.idleEntries(), "a park inside SynchronousQueue.take per item: " + a);
    assertEquals(1 + items, a.ipisSent(), "Thread.start and a wake-up per put: " + a);
    assertEquals(0, a.timerArms(), a.toString());
  }

  @Test
  void synchronousQueuePingPongWakesOnlyParkedThreads() throws Exception {
    // how often each side parks depends on the interleaving (the first arrival of a rendezvous
    // yields once before it parks: often the other side arrives meanwhile), but each wake-up
    // IPI, besides Thread.start's, wakes a parked thread, and each park is woken at most once
    int items = 200;
    long[] sum = new long[1];
    GuestActivity a = measure(() -> sum[0] = new HandOff(true).run(items));
    assertEquals((long) items * (items - 1) / 2, sum[0]);
    assertTrue(a.ipisSent() >= 1, a.toString());
    assertTrue(a.ipisSent() <= 1 + a.idleEntries(), "a wake-up per park at most: " + a);
    assertEquals(0, a.timerArms(), a.toString());
  }
}
