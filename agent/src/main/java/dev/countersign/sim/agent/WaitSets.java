package dev.countersign.sim.agent;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The wait sets of monitors as instrumented code sees them: which threads are inside {@code
 * Object.wait} on which monitor, in arrival order. A {@code notify} takes one thread out, {@code
 * notifyAll} all of them, exactly as the JVM does (JLS 17.2.2): a thread that was notified but has
 * not yet re-acquired the monitor is no longer in the set, so a second notify before it returns
 * from {@code wait} finds nobody to wake and is no wake-up IPI.
 *
 * <p>A thread whose {@code wait} ended with an exception (interrupted) never reports its return;
 * it stays registered until it waits again, and a notify skips it unless it is blocked ({@link
 * Thread.State#WAITING} or {@code TIMED_WAITING}). Thread-safe.
 */
final class WaitSets {

  private final Map<Object, ArrayDeque<Thread>> waiters = new IdentityHashMap<>();
  private final Map<Thread, Object> waitingOn = new IdentityHashMap<>();

  /** The calling thread is about to wait on {@code o} ({@code timedNanos} > 0: a timed wait). */
  void enter(Object o, long timedNanos) {
    if (o == null || !Thread.holdsLock(o)) {
      return; // the wait throws (NPE, IllegalMonitorStateException): no wait at all
    }
    Machine m = SimRuntime.current();
    if (m != null) {
      m.blocks(timedNanos);
    }
    Thread self = Thread.currentThread();
    synchronized (this) {
      removeLocked(self);
      waiters.computeIfAbsent(o, k -> new ArrayDeque<>()).addLast(self);
      waitingOn.put(self, o);
    }
  }

  /** The calling thread returned from its wait on {@code o}. */
  synchronized void leave(Object o) {
    removeLocked(Thread.currentThread());
  }

  /**
   * A notify ({@code all} false) or notifyAll on {@code o} by the calling thread: takes the
   * notified threads out of the set and returns how many of them were blocked in the wait.
   */
  int notify(Object o, boolean all) {
    if (o == null || !Thread.holdsLock(o)) {
      return 0; // the notify throws
    }
    int woken = 0;
    synchronized (this) {
      ArrayDeque<Thread> set = waiters.get(o);
      if (set == null) {
        return 0;
      }
      for (Iterator<Thread> it = set.iterator(); it.hasNext(); ) {
        Thread t = it.next();
        it.remove();
        waitingOn.remove(t);
        Thread.State s = t.getState();
        if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
          woken++;
          if (!all) {
            break;
          }
        }
      }
      if (set.isEmpty()) {
        waiters.remove(o);
      }
    }
    return woken;
  }

  private void removeLocked(Thread t) {
    Object o = waitingOn.remove(t);
    if (o != null) {
      ArrayDeque<Thread> set = waiters.get(o);
      set.remove(t);
      if (set.isEmpty()) {
        waiters.remove(o);
      }
    }
  }
}
