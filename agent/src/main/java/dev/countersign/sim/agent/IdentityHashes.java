package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Set;

/**
 * Identity hash codes of the simulated program that are the same in every JVM. HotSpot hands an
 * object its identity hash when something first asks for it ({@code ObjectSynchronizer::
 * FastHashCode}), from a per-thread xor-shift seeded at random ({@code get_next_hash}, {@code
 * -XX:hashCode=5}): a program whose path depends on it — an {@code IdentityHashMap}'s probing, a
 * {@code HashMap} keyed by objects without their own {@code hashCode}, {@code
 * Integer.toHexString(System.identityHashCode(o))} in a message — is counted differently in every
 * JVM. Instrumented code calls this instead ({@link IdentityHashCalls}): an object that no one had
 * hashed gets the next code of a {@link HashSequence}, the counting thread's machine's (restarted
 * at every {@code begin()}) while it counts, else one for the whole JVM; it keeps that code for
 * its life (a weak identity table, never counted).
 *
 * <p>An object the JVM had already hashed — before the agent, in a CDS archive, by code that is not
 * instrumented ({@code java.lang.invoke}, reflection, JUnit) — keeps the JVM's code:
 * tables built with it must still find it. Whether it had one is read from its mark word, whose
 * hash field's position is calibrated at start-up; where it cannot be read (the object is locked,
 * or the calibration failed) the JVM's code is used too. Code that is not instrumented sees the
 * JVM's code of an object instrumented code hashed first: the two views differ only there.
 *
 * <p>Public only because instrumented classes in any package call it; not an API.
 */
public final class IdentityHashes {

  private static final int UNKNOWN = 0;
  private static final int IDENTITY = 1;
  private static final int OVERRIDDEN = 2;

  /** Whether the mark word can be read: off until {@link #install} calibrated it. */
  private static boolean enabled;
  private static MethodHandle markWord;
  private static int hashShift;

  private static final Table TABLE = new Table();
  private static final HashSequence JVM_WIDE = new HashSequence(-1);

  private IdentityHashes() {}

  /**
   * Makes the codes deterministic from now on, if the mark word can be read (with {@code inst},
   * the agent opens {@code jdk.internal.misc} to itself; without, it must be open already).
   *
   * @return null when installed, else why not
   */
  static String install(Instrumentation inst) {
    if (enabled) {
      return null;
    }
    try {
      Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
      if (inst != null) {
        inst.redefineModule(unsafeClass.getModule(), Set.of(), Map.of("jdk.internal.misc",
            Set.of(IdentityHashes.class.getModule())), Map.of(), Set.of(), Map.of());
      }
      Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
      if ((int) unsafeClass.getMethod("addressSize").invoke(unsafe) != 8) {
        return "not a 64-bit JVM";
      }
      MethodHandle get = MethodHandles.lookup().findVirtual(unsafeClass, "getLong",
          MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
      int shift = calibrate(get);
      if (shift < 0) {
        return "the mark word's hash field was not found";
      }
      markWord = get;
      hashShift = shift;
      if (Mark.WORD == null) {
        return "the mark-word reader was fixed before it was found";
      }
      enabled = true;
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return e.toString();
    }
  }

  /** Where the JVM keeps an unlocked object's 31-bit hash in its mark word, or -1. */
  private static int calibrate(MethodHandle get) throws ReflectiveOperationException {
    int found = -1;
    for (int i = 0; i < 16; i++) {
      Object o = new Object();
      long before = read(get, o);
      int hash = System.identityHashCode(o);
      long after = read(get, o);
      int shift = -1;
      for (int s = 0; s <= 32; s++) {
        if (((after >>> s) & 0x7FFFFFFFL) == hash && ((before >>> s) & 0x7FFFFFFFL) == 0
            && (before & 7) == 1 && (after & 7) == 1) {
          shift = s;
          break;
        }
      }
      if (shift < 0 || found >= 0 && shift != found) {
        return -1;
      }
      found = shift;
    }
    return found;
  }

  private static long read(MethodHandle get, Object o) {
    try {
      return (long) get.invokeExact(o, 0L);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  // ---- what instrumented code calls ----

  /** Replaces {@code System.identityHashCode(o)}. */
  public static int identityHashCode(Object o) {
    if (o == null) {
      return 0;
    }
    int h = enabled ? codeOf(o) : 0;
    return h != 0 ? h : System.identityHashCode(o);
  }

  /**
   * Before {@code o.hashCode()} (virtual or interface call): the code that call returns when it
   * runs {@code Object.hashCode}, else 0 ({@code o} null, or its class has its own).
   */
  public static int beforeHashCode(Object o) {
    return o == null || !enabled || flags(o.getClass()) != IDENTITY ? 0 : codeOf(o);
  }

  /** Before {@code super.hashCode()} that resolves to {@code Object.hashCode}. */
  public static int beforeObjectHashCode(Object o) {
    return o == null || !enabled ? 0 : codeOf(o);
  }

  /** Before {@code super.hashCode()} resolved in {@code owner} (not {@code Object}). */
  public static int beforeSuperHashCode(Object o, Class<?> owner) {
    return o == null || !enabled || flags(owner) != IDENTITY ? 0 : codeOf(o);
  }

  /** After the original call: the deterministic code where there is one, else its result. */
  public static int hashCode(int deterministic, int original) {
    return deterministic != 0 ? deterministic : original;
  }

  // ---- the codes ----

  /**
   * {@code o}'s code (non-null {@code o}): ours, or 0 when it keeps the JVM's. An object the
   * counting thread allocated in this iteration has a JVM hash only because the memory model's
   * address map made one ({@link IdentityAddressMap}, before the program could ask): it gets
   * ours too.
   */
  private static int codeOf(Object o) {
    if (fresh(o)) {
      return TABLE.entry(o, true).code;
    }
    int code = TABLE.find(o);
    if (code == 0) {
      Machine m = SimRuntime.current();
      if (m != null && m.allocatedNow(o)) {
        code = TABLE.entry(o, true).code;
      }
    }
    return code;
  }

  /** Whether no one has hashed {@code o} yet (false also when its mark word is unreadable). */
  private static boolean fresh(Object o) {
    long mark = read(Mark.WORD, o);
    return (mark & 7) == 1 && ((mark >>> hashShift) & 0x7FFFFFFFL) == 0;
  }

  /** The next code for an object hashed first by the calling thread. */
  static int nextCode() {
    Machine m = SimRuntime.current();
    if (m != null) {
      return m.hashes.next();
    }
    synchronized (JVM_WIDE) {
      return JVM_WIDE.next();
    }
  }

  /**
   * Whether {@code c}'s instances hash by identity, found once per class by reflection (quiet). A
   * call made by that reflection itself for an instance of {@code c} gets {@link #UNKNOWN}, which
   * callers take as not by identity: that instance keeps the JVM's code, which is always
   * consistent, since the original call then makes it.
   */
  private static int flags(Class<?> c) {
    boolean fresh = fresh(c);
    if (!fresh) {
      // hashed (by us or the JVM): its JVM hash exists, so looking it up there makes none
      Known k = KNOWN[System.identityHashCode(c) & (KNOWN.length - 1)];
      if (k != null && k.get() == c) {
        return k.flags;
      }
    }
    int f = resolve(c, TABLE.entry(c, fresh));
    if (f != UNKNOWN) {
      KNOWN[System.identityHashCode(c) & (KNOWN.length - 1)] = new Known(c, f);
    }
    return f;
  }

  /** A class's flags, cached without a lock (a final field: safely published). */
  private static final class Known extends WeakReference<Class<?>> {
    final int flags;

    Known(Class<?> type, int flags) {
      super(type);
      this.flags = flags;
    }
  }

  /** Direct-mapped by the class's JVM hash, overwritten on collision. */
  private static final Known[] KNOWN = new Known[1024];

  private static int resolve(Class<?> c, Table.Entry e) {
    int f = e.flags;
    if (f != UNKNOWN) {
      return f;
    }
    Thread self = Thread.currentThread();
    if (e.resolving == self) {
      return UNKNOWN; // not cached: asked again once the reflection is done
    }
    e.resolving = self;
    SimRuntime.quiet();
    try {
      f = c.getMethod("hashCode").getDeclaringClass() == Object.class ? IDENTITY : OVERRIDDEN;
    } catch (NoSuchMethodException | RuntimeException | LinkageError ex) {
      f = OVERRIDDEN;
    } finally {
      SimRuntime.loud();
      e.resolving = null;
    }
    e.flags = f;
    return f;
  }

  /** The mark-word reader, fixed once {@link #install} found it (so the JIT inlines it). */
  private static final class Mark {
    static final MethodHandle WORD = markWord;
  }

  /**
   * Weak identity table of the objects given a code here (and of the classes asked about),
   * bucketed by the JVM's own hash, which every object in it has by then. Uses no instrumented
   * code, so it is never counted and never calls back into {@link IdentityHashes}.
   */
  private static final class Table {

    static final class Entry extends WeakReference<Object> {
      final int jvmHash;
      /** Ours, or 0: the object keeps the JVM's. */
      final int code;
      volatile int flags;
      volatile Thread resolving;
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
     * {@code o}'s entry, made if missing: with the next code if no one had hashed {@code o} when
     * its mark word was read ({@code fresh}), else with 0. A thread that raced another for the
     * same fresh object finds the other's entry: the JVM's hash is stable once made.
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
      e = new Entry(o, jvmHash, fresh ? nextCode() : 0, queue);
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
}
