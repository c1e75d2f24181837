package dev.countersign.sim.agent;

/**
 * The wait sets of monitors as instrumented code sees them: which threads are inside {@code
 * Object.wait} on which monitor, in arrival order. A {@code notify} takes one thread out, {@code
 * notifyAll} all of them, exactly as the JVM does (JLS 17.2.2): a thread that was notified but has
 * not yet re-acquired the monitor is no longer in the set, so a second notify before it returns
 * from {@code wait} finds nobody to wake and is no wake-up IPI.
 *
 * <p>A thread whose {@code wait} ended with an exception (interrupted) never reports its return;
 * it stays registered until it waits again, and a notify skips it unless it is blocked ({@link
 * Thread.State#WAITING} or {@code TIMED_WAITING}). Kept in a {@link ThreadTable} in arrival
 * order, not in JDK collections: those are instrumented code that would call back into the
 * runtime. Thread-safe.
 */
final class WaitSets {

  /** The waiting threads, each with the monitor it waits on. */
  private final ThreadTable waiters = new ThreadTable();

  /**
   * The calling thread is about to wait on {@code o}: false when the wait will throw (null, the
   * monitor not held), so that there is no wait at all.
   */
  boolean enter(Object o) {
    if (o == null || !Thread.holdsLock(o)) {
      return false;
    }
    Thread self = Thread.currentThread();
    synchronized (this) {
      waiters.remove(self);
      waiters.add(self, o);
    }
    return true;
  }

  /** The calling thread returned from its wait on {@code o}. */
  synchronized void leave(Object o) {
    waiters.remove(Thread.currentThread());
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
      int i = 0;
      while (i < waiters.size()) {
        if (waiters.value(i) != o) {
          i++;
          continue;
        }
        Thread t = waiters.thread(i);
        waiters.removeAt(i);
        Thread.State s = t.getState();
        if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
          woken++;
          if (!all) {
            break;
          }
        }
      }
    }
    return woken;
  }
}
