package dev.countersign.sim.agent;

/**
 * The {@code LockSupport} state of threads as instrumented code sees it: parked (inside an
 * instrumented park) or holding an unpark permit. Small arrays scanned linearly, on purpose: a
 * map from the JDK would be instrumented JDK code calling back into the runtime from inside it.
 * Cleared at the start of every measured invocation. Thread-safe.
 */
final class ThreadFlags {

  private Thread[] threads = new Thread[8];
  /** true: holds a permit; false: parked. */
  private boolean[] permit = new boolean[8];
  private int size;

  /**
   * The calling thread {@code t} is about to park: true (and the permit is used up) when it holds
   * a permit, so the park does not block; else it is recorded as parked.
   */
  synchronized boolean take(Thread t) {
    int i = indexOf(t);
    if (i >= 0 && permit[i]) {
      removeAt(i);
      return true;
    }
    if (i < 0) {
      add(t, false);
    }
    return false;
  }

  /** An unpark of {@code t}: true when it is parked (the unpark wakes it); else a permit is stored. */
  synchronized boolean unpark(Thread t) {
    int i = indexOf(t);
    if (i >= 0) {
      if (!permit[i]) {
        return true;
      }
      return false;
    }
    add(t, true);
    return false;
  }

  /** {@code t} returned from its park. */
  synchronized void remove(Thread t) {
    int i = indexOf(t);
    if (i >= 0) {
      removeAt(i);
    }
  }

  synchronized void clear() {
    for (int i = 0; i < size; i++) {
      threads[i] = null;
    }
    size = 0;
  }

  private int indexOf(Thread t) {
    for (int i = 0; i < size; i++) {
      if (threads[i] == t) {
        return i;
      }
    }
    return -1;
  }

  private void add(Thread t, boolean p) {
    if (size == threads.length) {
      Thread[] nt = new Thread[size * 2];
      boolean[] np = new boolean[size * 2];
      System.arraycopy(threads, 0, nt, 0, size);
      System.arraycopy(permit, 0, np, 0, size);
      threads = nt;
      permit = np;
    }
    threads[size] = t;
    permit[size] = p;
    size++;
  }

  private void removeAt(int i) {
    size--;
    threads[i] = threads[size];
    permit[i] = permit[size];
    threads[size] = null;
  }
}
