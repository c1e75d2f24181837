package dev.countersign.sim.agent;

import static dev.countersign.sim.agent.KnownBehaviourTest.measure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guest events recorded at the call sites of instrumented code, with simulated timestamps. */
class GuestEventsTest {

  private static Class<?> workloads;

  @BeforeAll
  static void load() throws Exception {
    workloads = new InstrumentedLoader("simfixture.").loadClass("simfixture.Workloads");
  }

  @Test
  void spinWaitLoopIsOneEpisodeOfPausesInUserMode() throws Throwable {
    Machine m = measure(workloads, "spin", 1000);
    GuestActivity g = m.guestActivity();
    assertEquals(1000, m.total(Counter.PAUSES));
    assertEquals(1, g.spins().size());
    GuestActivity.SpinEpisode e = g.spins().get(0);
    assertEquals(1000, e.pauses());
    assertFalse(e.kernelMode());
    // each gap is one loop body plus one PAUSE (64 cycles on the default profile) in TSC ticks
    long pauseTicks = m.profile().ticks(m.profile().pauseCycles());
    assertTrue(e.gapTicks() >= pauseTicks && e.gapTicks() < pauseTicks + 20, "gap " + e.gapTicks());
    assertTrue(g.runTimeNs() > 1000 * m.profile().pauseCycles() / m.profile().coreGhz() - 1);
  }

  @Test
  void timedSleepArmsATimerAndIdles() throws Throwable {
    GuestActivity g = measure(workloads, "sleepOnce").guestActivity();
    assertEquals(1, g.timerArms());
    assertEquals(1, g.idleEntries());
    assertEquals(0, g.ipisSent());
  }

  @Test
  void largeDirectBufferTouchesEveryPageAndUnmapsWithoutShootdownWhenAlone() throws Throwable {
    GuestActivity g = measure(workloads, "directBuffer", 1 << 20).guestActivity();
    assertEquals(256, g.pagesFirstTouched());
    assertEquals(0, g.tlbShootdowns());
    GuestActivity small = measure(workloads, "directBuffer", 4096).guestActivity();
    assertEquals(0, small.pagesFirstTouched(), "small buffers come from malloc's arena");
  }

  @Test
  void unmapWhileAnotherThreadRunsShootsDownItsTlbAndThreadStartIsAnIpi() throws Throwable {
    Machine m = measure(workloads, "directBufferWhileAnotherThreadRuns", 1 << 20);
    GuestActivity g = m.guestActivity();
    assertEquals(1, g.tlbShootdowns());
    assertTrue(g.ipisSent() >= 1, "thread start wakes a CPU: " + g.ipisSent());
    // 256 pages of the buffer plus the first heap page of the objects the workload allocated
    assertEquals(257, g.pagesFirstTouched());
    assertEquals(g.pagesFirstTouched(), m.total(Counter.PAGES_FIRST_TOUCHED));
    assertEquals(0, g.mmioKicks() + g.pioKicks() + g.hypercalls());
  }

  @Test
  void notifyIsAWakeUpOnlyWhereAWaiterIsStillBlocked() throws Throwable {
    Machine m = measure(workloads, "notifyThriceOneWaiter");
    GuestActivity g = m.guestActivity();
    // one IPI starting the consumer, one for the first notifyAll; the second notifyAll and the
    // notify find the consumer already taken out of the wait set (woken, not yet re-locked)
    assertEquals(2, g.ipisSent());
    assertEquals(1, g.idleEntries(), "the consumer blocked once");
  }
}
