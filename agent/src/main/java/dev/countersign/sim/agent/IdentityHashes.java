package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * at every {@code begin()}) while it counts, else its class's ({@link #nextCode}); it keeps that
 * code for its life (a weak identity table, never counted).
 *
 * <p>An object the JVM had already hashed — before the agent, in a CDS archive, by code that is not
 * instrumented ({@code java.lang.invoke}, reflection, JUnit) — keeps the JVM's code:
 * tables built with it must still find it. Whether it had one is read from its mark word, whose
 * hash field's position is calibrated at start-up; where it cannot be read (the object is locked,
 * or the calibration failed) the JVM's code is used too. Code that is not instrumented sees the
 * JVM's code of an object instrumented code hashed first: the two views differ only there. The
 * agent's own objects keep the JVM's codes too ({@link #ownClass}), so that what the agent does
 * (instrumenting a class) takes no code from the program.
 *
 * <p>Public only because instrumented classes in any package call it; not an API.
 */
public final class IdentityHashes {

  private static final int UNKNOWN = 0;
  private static final int IDENTITY = 1;
  /** Its own {@code hashCode}, or one of the agent's classes: the JVM's code. */
  private static final int OVERRIDDEN = 2;

  /** Whether the mark word can be read: off until {@link #install} calibrated it. */
  private static boolean enabled;
  private static MethodHandle markWord;
  private static int hashShift;

  private static final IdentityTable TABLE = new IdentityTable();

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
      return ownClass(o.getClass()) ? 0 : TABLE.entry(o, true).code;
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

  /**
   * The code for {@code o}, hashed first by the calling thread (called by {@link #TABLE} with its
   * lock held): the next of the counting machine's stream while the thread counts, else the next
   * of a stream of {@code o}'s class (a class object: the first code of a stream of its own),
   * seeded by the class's name. Outside counting, an object's code thus depends on how many
   * objects of its class were hashed before it, not on everything the JVM hashed before (the
   * form of the class path, what the agent instrumented, what other threads did).
   */
  static int nextCode(Object o) {
    Machine m = SimRuntime.current();
    if (m != null) {
      return m.hashes.next();
    }
    if (o instanceof Class<?> c) {
      return new HashSequence(~streamName(c).hashCode()).next();
    }
    Class<?> c = o.getClass();
    IdentityTable.Entry e = TABLE.entry(c, fresh(c) && !ownClass(c));
    if (e.instances == null) {
      e.instances = new HashSequence(streamName(c).hashCode());
    }
    return e.instances.next();
  }

  /** The class's name without a hidden class's suffix (its address: another in every JVM). */
  private static String streamName(Class<?> c) {
    String name = c.getName();
    int hidden = name.indexOf('/');
    return hidden < 0 ? name : name.substring(0, hidden);
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
    boolean own = ownClass(c);
    int f = resolve(c, TABLE.entry(c, fresh && !own), own);
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

  /**
   * Whether {@code c} is one of the agent's own classes (its runtime, its instrumenter, the shaded
   * ASM): those objects, and the classes themselves, keep the JVM's codes. The instrumenter hashes
   * thousands of ASM nodes by identity (sets and maps of labels and instructions) through the
   * instrumented JDK collections, on whichever thread loads a class: they would take codes and
   * table entries for nothing. The name first ({@code Class} is never instrumented); the loader
   * only for those names, quiet ({@code getClassLoader} may ask the instrumented {@code System}
   * for a security manager).
   */
  private static boolean ownClass(Class<?> c) {
    String name = c.getName();
    if (!name.startsWith("dev.countersign.sim.agent.")
        && !name.startsWith("dev.countersign.internal.")) {
      return false;
    }
    SimRuntime.quiet();
    try {
      return c.getClassLoader() == IdentityHashes.class.getClassLoader();
    } finally {
      SimRuntime.loud();
    }
  }

  private static int resolve(Class<?> c, IdentityTable.Entry e, boolean own) {
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
      f = !own && c.getMethod("hashCode").getDeclaringClass() == Object.class ? IDENTITY
          : OVERRIDDEN;
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
}
