package dev.countersign.sim.agent;

/**
 * Threads with one value each, in arrival order: the bookkeeping of {@link ThreadFlags} (park
 * permits) and {@link WaitSets} (the monitor each waiter waits on). Plain arrays scanned
 * linearly, on purpose: a map from the JDK would be instrumented JDK code calling back into the
 * runtime from inside it. Not thread-safe: its users lock.
 */
final class ThreadTable {

  private Thread[] threads = new Thread[8];
  private Object[] values = new Object[8];
  private int size;

  int size() {
    return size;
  }

  Thread thread(int i) {
    return threads[i];
  }

  Object value(int i) {
    return values[i];
  }

  /** The index of {@code t}, or -1. */
  int indexOf(Thread t) {
    for (int i = 0; i < size; i++) {
      if (threads[i] == t) {
        return i;
      }
    }
    return -1;
  }

  void add(Thread t, Object value) {
    if (size == threads.length) {
      Thread[] nt = new Thread[size * 2];
      Object[] nv = new Object[size * 2];
      System.arraycopy(threads, 0, nt, 0, size);
      System.arraycopy(values, 0, nv, 0, size);
      threads = nt;
      values = nv;
    }
    threads[size] = t;
    values[size] = value;
    size++;
  }

  /** Removes entry {@code i}, keeping the arrival order of the others. */
  void removeAt(int i) {
    System.arraycopy(threads, i + 1, threads, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    threads[size] = null;
    values[size] = null;
  }

  /** Removes {@code t} if present. */
  void remove(Thread t) {
    int i = indexOf(t);
    if (i >= 0) {
      removeAt(i);
    }
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      threads[i] = null;
      values[i] = null;
    }
    size = 0;
  }
}
