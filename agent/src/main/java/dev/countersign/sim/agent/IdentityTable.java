package dev.countersign.sim.agent;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Weak identity table of the objects {@link IdentityHashes} gave a code (and of the classes it
 * asked about), bucketed by the JVM's own hash, which every object in it has by then. Uses no
 * instrumented code, so it is never counted and never calls back into {@link IdentityHashes}; its
 * objects are not kept alive.
 */
final class IdentityTable {

  static final class Entry extends WeakReference<Object> {
    final int jvmHash;
    /** Ours, or 0: the object keeps the JVM's. */
    final int code;
    volatile int flags;
    volatile Thread resolving;
    /** For a class's entry: the codes of its instances hashed outside counting, or null. */
    HashSequence instances;
    Entry next;

    Entry(Object o, int jvmHash, int code, ReferenceQueue<Object> queue) {
      super(o, queue);
      this.jvmHash = jvmHash;
      this.code = code;
    }
  }

  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private Entry[] buckets = new Entry[1 << 12];
  private int size;

  /** The code given to {@code o} here, else 0. */
  synchronized int find(Object o) {
    Entry e = lookup(o, System.identityHashCode(o));
    return e == null ? 0 : e.code;
  }

  /**
   * {@code o}'s entry, made if missing: with the next code if no one had hashed {@code o} when its
   * mark word was read ({@code fresh}), else with 0. A thread that raced another for the same
   * fresh object finds the other's entry: the JVM's hash is stable once made. The code may make
   * the entry of {@code o}'s class first (reentrant).
   */
  synchronized Entry entry(Object o, boolean fresh) {
    int jvmHash = System.identityHashCode(o);
    Entry e = lookup(o, jvmHash);
    if (e != null) {
      return e;
    }
    expunge();
    if (size >= buckets.length * 3 / 4) {
      grow();
    }
    e = new Entry(o, jvmHash, fresh ? IdentityHashes.nextCode(o) : 0, queue);
    int i = jvmHash & (buckets.length - 1);
    e.next = buckets[i];
    buckets[i] = e;
    size++;
    return e;
  }

  private Entry lookup(Object o, int jvmHash) {
    for (Entry e = buckets[jvmHash & (buckets.length - 1)]; e != null; e = e.next) {
      if (e.jvmHash == jvmHash && e.get() == o) {
        return e;
      }
    }
    return null;
  }

  private void expunge() {
    for (Object r; (r = queue.poll()) != null; ) {
      Entry dead = (Entry) r;
      int i = dead.jvmHash & (buckets.length - 1);
      Entry prev = null;
      for (Entry e = buckets[i]; e != null; prev = e, e = e.next) {
        if (e == dead) {
          if (prev == null) {
            buckets[i] = e.next;
          } else {
            prev.next = e.next;
          }
          size--;
          break;
        }
      }
    }
  }

  private void grow() {
    Entry[] old = buckets;
    Entry[] next = new Entry[old.length * 2];
    for (Entry head : old) {
      for (Entry e = head; e != null; ) {
        Entry after = e.next;
        int i = e.jvmHash & (next.length - 1);
        e.next = next[i];
        next[i] = e;
        e = after;
      }
    }
    buckets = next;
  }
}
