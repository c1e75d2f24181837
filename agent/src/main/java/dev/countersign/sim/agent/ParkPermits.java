package dev.countersign.sim.agent;

/**
 * The {@code LockSupport} state of threads as instrumented code sees it: parked (inside an
 * instrumented park) or holding an unpark permit (the permit semantics of {@code
 * LockSupport.unpark}: at most one, used up by the next park). Cleared at the start of every
 * measured invocation. Thread-safe.
 */
final class ParkPermits {

  private static final Object PARKED = new Object();
  private static final Object PERMIT = new Object();

  private final ThreadTable threads = new ThreadTable();

  /**
   * The calling thread {@code t} is about to park: true (and the permit is used up) when it holds
   * a permit, so the park does not block; else it is recorded as parked.
   */
  synchronized boolean take(Thread t) {
    int i = threads.indexOf(t);
    if (i >= 0 && threads.value(i) == PERMIT) {
      threads.removeAt(i);
      return true;
    }
    if (i < 0) {
      threads.add(t, PARKED);
    }
    return false;
  }

  /** An unpark of {@code t}: true when it is parked (the unpark wakes it); else a permit is stored. */
  synchronized boolean unpark(Thread t) {
    int i = threads.indexOf(t);
    if (i >= 0) {
      return threads.value(i) == PARKED;
    }
    threads.add(t, PERMIT);
    return false;
  }

  /** {@code t} returned from its park. */
  synchronized void remove(Thread t) {
    threads.remove(t);
  }

  synchronized void clear() {
    threads.clear();
  }
}
