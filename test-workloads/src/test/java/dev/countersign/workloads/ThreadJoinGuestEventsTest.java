package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.sim.agent.GuestActivity;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Thread.join}'s wait and {@code Thread.interrupt}'s wake-up are guest events, with the real
 * agent and real threads (the waits themselves run inside {@code java.lang.Thread}, which is not
 * instrumented: the call sites are probed). A join of a live thread is an idle entry (a timer arm
 * when timed) and, when the thread's end wakes the joiner, an IPI; interrupting a blocked thread
 * is an IPI, a running one none. Each case waits (with {@code Thread.yield}, no guest event) until
 * the other thread is where the case needs it, so the counts are exact.
 */
class ThreadJoinGuestEventsTest {

  @BeforeAll
  static void agentIsAttached() {
    RealAgent.assumeAttached();
  }

  private static void awaitState(Thread t, Thread.State s) {
    while (t.getState() != s) {
      Thread.yield();
    }
  }

  /** A partner that ends as soon as {@code joiner} is blocked in state {@code s}. */
  private static Thread endsOnceBlocked(Thread joiner, Thread.State s) {
    return new Thread(() -> awaitState(joiner, s), "join-partner");
  }

  @Test
  void joinOfALiveThreadBlocksAndItsEndWakesTheJoiner() throws Exception {
    GuestActivity a = RealAgent.guestActivity(() -> {
      Thread partner = endsOnceBlocked(Thread.currentThread(), Thread.State.WAITING);
      partner.start();
      partner.join();
    });
    assertEquals(1, a.idleEntries(), "the joiner's wait: " + a);
    assertEquals(0, a.timerArms(), a.toString());
    assertEquals(2, a.ipisSent(), "Thread.start and the wake-up at the partner's end: " + a);
  }

  @Test
  void aTimedJoinArmsATimer() throws Exception {
    GuestActivity a = RealAgent.guestActivity(() -> {
      Thread partner = endsOnceBlocked(Thread.currentThread(), Thread.State.TIMED_WAITING);
      partner.start();
      partner.join(60_000);
      assertTrue(!partner.isAlive());
    });
    assertEquals(1, a.idleEntries(), a.toString());
    assertEquals(1, a.timerArms(), a.toString());
    assertEquals(2, a.ipisSent(), a.toString());
  }

  @Test
  void aJoinThatTimesOutIsWokenByItsTimerNotAnIpi() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] partner = new Thread[1];
    GuestActivity a = RealAgent.guestActivity(() -> {
      partner[0] = new Thread(() -> {
        while (!stop.get()) {
          Thread.yield();
        }
      }, "join-partner");
      partner[0].start();
      partner[0].join(20, 500);
      assertTrue(partner[0].isAlive());
    });
    stop.set(true);
    partner[0].join();
    assertEquals(1, a.idleEntries(), a.toString());
    assertEquals(1, a.timerArms(), a.toString());
    assertEquals(1, a.ipisSent(), "Thread.start only: " + a);
  }

  @Test
  void joinOfAnEndedThreadDoesNotBlock() throws Exception {
    GuestActivity a = RealAgent.guestActivity(() -> {
      Thread partner = new Thread(() -> { }, "join-partner");
      partner.start();
      while (partner.isAlive()) {
        Thread.yield();
      }
      partner.join();
      partner.join(1000);
    });
    assertEquals(0, a.idleEntries(), a.toString());
    assertEquals(0, a.timerArms(), a.toString());
    assertEquals(1, a.ipisSent(), "Thread.start only: " + a);
  }

  @Test
  void interruptingASleepingThreadWakesIt() throws Exception {
    boolean[] interrupted = new boolean[1];
    GuestActivity a = RealAgent.guestActivity(() -> {
      Thread sleeper = new Thread(() -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted[0] = true;
        }
      }, "sleeper");
      sleeper.start();
      awaitState(sleeper, Thread.State.TIMED_WAITING);
      sleeper.interrupt();
      JdkBlockingGuestEventsTest.joinEnded(sleeper);
    });
    assertTrue(interrupted[0]);
    assertEquals(1, a.idleEntries(), "the sleep: " + a);
    assertEquals(1, a.timerArms(), "the sleep's timer: " + a);
    assertEquals(2, a.ipisSent(), "Thread.start and the interrupt's wake-up: " + a);
  }

  @Test
  void interruptingARunningThreadIsNoIpi() throws Exception {
    GuestActivity a = RealAgent.guestActivity(() -> {
      Thread runner = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.yield();
        }
      }, "runner");
      runner.start();
      awaitState(runner, Thread.State.RUNNABLE);
      runner.interrupt();
      JdkBlockingGuestEventsTest.joinEnded(runner);
    });
    assertEquals(0, a.idleEntries(), a.toString());
    assertEquals(1, a.ipisSent(), "Thread.start only: " + a);
  }
}
