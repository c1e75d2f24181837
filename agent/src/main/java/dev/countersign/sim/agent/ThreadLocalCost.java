package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * The cost model of a thread's {@code ThreadLocal} map ({@code ThreadLocal$ThreadLocalMap}), so
 * that a {@code ThreadLocal.get/set/remove} costs the same in every JVM. The map is an open
 * hash table per thread, keyed by {@code threadLocalHashCode}: a JVM-wide sequence, so where a
 * key lands, what it collides with, when the table resizes and which stale entries a call expunges
 * depend on every {@code ThreadLocal} the JVM created and every value the thread holds — JUnit's,
 * the build tool's, other agents', the tests that ran before — not on the workload. Measured on
 * jackson-core's parser (its buffer recycler is a {@code ThreadLocal}): twenty more values set on
 * the test thread beforehand moved {@code cycles} by 0.6%.
 *
 * <p>So the map's {@code getEntry}, {@code set} and {@code remove} get no probes and are silent
 * ({@link IntrinsicModels#modelledBody}), and each call costs the bytecode of its path through a
 * map in which the key is alone at its slot: the instructions and branches below (one per bytecode
 * of that path, calls and returns counted as branches), the loads of the key's hash code and the
 * map's table, and the entry's referent read or value written. A value set for the first time on
 * the thread allocates its entry (alloc-bytes, the zeroing stores), laid out as an object the
 * iteration did not allocate when it is touched later. Not modelled: the table's slot (its index
 * is the history above), collisions, stale entries, resizes.
 */
final class ThreadLocalCost {

  /** {@code getEntry}: the key found at its slot. */
  static final int FOUND = 22;
  static final int FOUND_BRANCHES = 4;
  /** {@code getEntry}: its slot empty ({@code getEntryAfterMiss} returns null at once). */
  static final int MISSING = 32;
  static final int MISSING_BRANCHES = 5;
  /** {@code set}: the key found at its slot, its value replaced. */
  static final int REPLACED = 27;
  static final int REPLACED_BRANCHES = 4;
  /**
   * {@code set}: a new entry at an empty slot — its constructor chain ({@code Entry}, {@code
   * WeakReference}, {@code Reference}, {@code Object}), the size, {@code cleanSomeSlots} over
   * four empty slots, the threshold test.
   */
  static final int ADDED = 130;
  static final int ADDED_BRANCHES = 20;
  /** {@code remove}: the key found at its slot, cleared, its run of one expunged. */
  static final int REMOVED = 60;
  static final int REMOVED_BRANCHES = 10;
  /** {@code remove}: its slot empty. */
  static final int NOT_REMOVED = 20;
  static final int NOT_REMOVED_BRANCHES = 2;

  static final String MAP = "java/lang/ThreadLocal$ThreadLocalMap";
  private static final String ENTRY = MAP + "$Entry";

  /** {@code ThreadLocalMap.getEntry(key)}, or null where {@code java.lang} is not open to the agent. */
  private static volatile MethodHandle getEntry;
  /** Bytes of a map entry ({@code ObjectShapes}' layout), known once {@link #getEntry} is. */
  private static volatile long entryBytes;

  private ThreadLocalCost() {}

  /**
   * Opens {@code java.lang} to the agent, so that {@link #setting} can tell a new entry from a
   * replaced value; without it every {@code set} costs {@link #REPLACED}.
   *
   * @return null when installed, else why not
   */
  static String install(Instrumentation inst) {
    try {
      Class<?> map = Class.forName(MAP.replace('/', '.'));
      inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
          Map.of("java.lang", Set.of(ThreadLocalCost.class.getModule())), Set.of(), Map.of());
      Class<?> entry = Class.forName(ENTRY.replace('/', '.'));
      entryBytes = ObjectShapes.instanceSize(entry);
      getEntry = MethodHandles.privateLookupIn(map, MethodHandles.lookup()).findVirtual(map,
          "getEntry", MethodType.methodType(entry, ThreadLocal.class))
          .asType(MethodType.methodType(Object.class, Object.class, Object.class));
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return e.toString();
    }
  }

  /** After {@code map.getEntry(key)} returned {@code entry} (null: the key has no value). */
  static void found(Machine m, Object entry, Object map, Object key) {
    if (entry != null) {
      m.charge(FOUND, FOUND_BRANCHES);
    } else {
      m.charge(MISSING, MISSING_BRANCHES);
    }
    if (m.modelsMemory()) {
      lookUp(m, map, key);
      if (entry != null) {
        m.load(field(m, entry, "java/lang/ref/Reference", "referent"));
      }
    }
  }

  /** Before {@code map.set(key, value)}. */
  static void setting(Machine m, Object map, Object key) {
    Object entry = entryOf(map, key);
    if (entry != null || getEntry == null) {
      m.charge(REPLACED, REPLACED_BRANCHES);
      if (m.modelsMemory()) {
        lookUp(m, map, key);
        if (entry != null) {
          m.store(field(m, entry, ENTRY, "value"));
        }
      }
      return;
    }
    m.charge(ADDED, ADDED_BRANCHES);
    if (m.modelsMemory()) {
      lookUp(m, map, key);
    }
    m.allocatedElsewhere(entryBytes);
  }

  /** Before {@code map.remove(key)}. */
  static void removing(Machine m, Object map, Object key) {
    Object entry = entryOf(map, key);
    if (entry != null || getEntry == null) {
      m.charge(REMOVED, REMOVED_BRANCHES);
    } else {
      m.charge(NOT_REMOVED, NOT_REMOVED_BRANCHES);
    }
    if (m.modelsMemory()) {
      lookUp(m, map, key);
      if (entry != null) {
        m.store(field(m, entry, "java/lang/ref/Reference", "referent"));
      }
    }
  }

  /** The loads every operation starts with: the key's hash code, the map's table. */
  private static void lookUp(Machine m, Object map, Object key) {
    m.load(field(m, key, "java/lang/ThreadLocal", "threadLocalHashCode"));
    m.load(field(m, map, MAP, "table"));
  }

  private static long field(Machine m, Object o, String owner, String name) {
    return m.addressOf(o) + ObjectShapes.fieldOffset(o.getClass(), owner, name);
  }

  private static Object entryOf(Object map, Object key) {
    MethodHandle h = getEntry;
    if (h == null) {
      return null;
    }
    try {
      return (Object) h.invokeExact(map, key);
    } catch (Throwable t) {
      throw new IllegalStateException("ThreadLocalMap.getEntry", t);
    }
  }
}
