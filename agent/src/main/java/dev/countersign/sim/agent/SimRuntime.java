package dev.countersign.sim.agent;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The static entry points instrumented code calls. Each finds the {@link Machine} of the calling
 * thread — the test thread's while a probe counts an iteration, or a child machine for a thread
 * created during that iteration — and does nothing when there is none, so instrumented code
 * outside measured iterations (warm-up, JUnit, other threads) only pays the look-up.
 *
 * <p>The probes of JDK calls ({@link #parking()}, {@link #sleeping(long)}, {@link
 * #waiting(Object)}, {@link #starting(Thread)}, {@link #allocatedDirect(ByteBuffer)}, ...) run
 * before or after the original call, which stays in the user's code, and record the guest event. This class is public only because
 * instrumented classes in any package call it; it is not an API.
 *
 * <p>Longer than 300 lines on purpose: it is the one class the instrumenter makes every probe call
 * (one owner for all INVOKESTATICs, a name fixed in the rewritten bytecode); each entry point is a
 * few lines, and the model they feed lives in {@link Machine} and its parts.
 */
public final class SimRuntime {

  private static volatile boolean installed;
  private static volatile String agentProblem;
  /*
   * Plain fields on purpose: the owner thread reads what it wrote itself in attach/detach, another
   * thread can never find itself as a stale owner, and a thread started during the iteration sees
   * 'attached' through Thread.start's happens-before edge. Volatile reads here would keep the JIT
   * from hoisting them out of the workload's loops.
   */
  private static Machine ownerMachine;
  private static int attached;

  private static final InheritableThreadLocal<Machine> CURRENT =
      new InheritableThreadLocal<>() {
        @Override
        protected Machine childValue(Machine parent) {
          return parent == null ? null : parent.spawnChild();
        }
      };

  /** Threads inside an instrumented park, for deciding whether an unpark wakes a sleeper. */
  private static final Map<Thread, Boolean> PERMITS = new WeakHashMap<>();
  /** Threads inside an instrumented {@code Object.wait}, per monitor. */
  private static final WaitSets WAITS = new WaitSets();

  private SimRuntime() {}

  // ---- state ----

  /** Marks the instrumentation as present in this JVM (the agent, or a transformer in use). */
  static void markInstalled() {
    installed = true;
  }

  static void reportProblem(String problem) {
    agentProblem = problem;
  }

  /** Whether instrumented classes can exist in this JVM. */
  public static boolean installed() {
    return installed;
  }

  /** Why the agent is attached but not instrumenting (bad options), or null. */
  public static String agentProblem() {
    return agentProblem;
  }

  static synchronized void attach(Machine m) {
    m.owner = Thread.currentThread();
    CURRENT.set(m);
    ownerMachine = m;
    attached++;
  }

  static synchronized void detach(Machine m) {
    if (ownerMachine == m) {
      ownerMachine = null;
    }
    if (CURRENT.get() == m) {
      CURRENT.set(null);
      attached--;
    }
    m.owner = null;
  }

  static Machine current() {
    Machine m = ownerMachine;
    Thread t = Thread.currentThread();
    if (m != null && m.owner == t) {
      return m;
    }
    if (attached == 0) {
      return null;
    }
    m = CURRENT.get();
    return m != null && m.counting() ? m : null;
  }

  // ---- basic blocks and branches ----

  /** A basic block of {@code weight} instructions, {@code unconditional} of them jumps/calls/returns. */
  public static void block(int weight, int unconditional) {
    Machine m = current();
    if (m != null) {
      m.block(weight, unconditional);
    }
  }

  /** Before IFEQ..IFLE on {@code v}; the low 3 bits of {@code siteCond} are the condition. */
  public static void branchInt(int v, int siteCond) {
    Machine m = current();
    if (m != null) {
      boolean taken =
          switch (siteCond & 7) {
            case 0 -> v == 0;
            case 1 -> v != 0;
            case 2 -> v < 0;
            case 3 -> v >= 0;
            case 4 -> v > 0;
            default -> v <= 0;
          };
      m.conditional(siteCond, taken);
    }
  }

  /** Before IF_ICMPxx on {@code a}, {@code b}. */
  public static void branchIntInt(int a, int b, int siteCond) {
    Machine m = current();
    if (m != null) {
      boolean taken =
          switch (siteCond & 7) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 2 -> a < b;
            case 3 -> a >= b;
            case 4 -> a > b;
            default -> a <= b;
          };
      m.conditional(siteCond, taken);
    }
  }

  /** Before IF_ACMPEQ (cond 0) / IF_ACMPNE (cond 1). */
  public static void branchRefs(Object a, Object b, int siteCond) {
    Machine m = current();
    if (m != null) {
      m.conditional(siteCond, (a == b) == ((siteCond & 7) == 0));
    }
  }

  /** Before IFNULL (cond 0) / IFNONNULL (cond 1). */
  public static void branchNull(Object a, int siteCond) {
    Machine m = current();
    if (m != null) {
      m.conditional(siteCond, (a == null) == ((siteCond & 7) == 0));
    }
  }

  /** Before TABLESWITCH / LOOKUPSWITCH on {@code key}. */
  public static void switchOn(int key, int site) {
    Machine m = current();
    if (m != null) {
      m.switchOutcome(site, key);
    }
  }

  // ---- memory ----

  /** Before GETFIELD on {@code o}. */
  public static void getField(Object o, int site) {
    Machine m = current();
    if (m != null && o != null && m.modelsMemory()) {
      m.load(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
    }
  }

  /** Before PUTFIELD on {@code o}. */
  public static void putField(Object o, int site) {
    Machine m = current();
    if (m != null && o != null && m.modelsMemory()) {
      m.store(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
    }
  }

  private static void arrayLoad(Object a, int i, int shift) {
    Machine m = current();
    if (m != null && a != null && m.modelsMemory()) {
      m.load(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
    }
  }

  private static void arrayStore(Object a, int i, int shift) {
    Machine m = current();
    if (m != null && a != null && m.modelsMemory()) {
      m.store(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
    }
  }

  /** Before BALOAD. */
  public static void load1(Object a, int i) {
    arrayLoad(a, i, 0);
  }

  /** Before CALOAD, SALOAD. */
  public static void load2(Object a, int i) {
    arrayLoad(a, i, 1);
  }

  /** Before IALOAD, FALOAD, AALOAD. */
  public static void load4(Object a, int i) {
    arrayLoad(a, i, 2);
  }

  /** Before LALOAD, DALOAD. */
  public static void load8(Object a, int i) {
    arrayLoad(a, i, 3);
  }

  /** Before BASTORE (byte[] and boolean[]). */
  public static void store1(Object a, int i) {
    arrayStore(a, i, 0);
  }

  /** Before CASTORE, SASTORE. */
  public static void store2(Object a, int i) {
    arrayStore(a, i, 1);
  }

  /** Before IASTORE, FASTORE, AASTORE. */
  public static void store4(Object a, int i) {
    arrayStore(a, i, 2);
  }

  /** Before LASTORE, DASTORE. */
  public static void store8(Object a, int i) {
    arrayStore(a, i, 3);
  }

  // ---- allocation ----

  /** After a NEW's constructor returned. */
  public static void allocated(Object o) {
    Machine m = current();
    if (m != null) {
      m.allocated(o, ObjectShapes.instanceSize(o.getClass()));
    }
  }

  /** After NEWARRAY / ANEWARRAY. */
  public static void allocatedArray(Object a) {
    Machine m = current();
    if (m != null) {
      m.allocated(a, ObjectShapes.sizeOf(a));
    }
  }

  /** After MULTIANEWARRAY of {@code dims} allocated dimensions. */
  public static void allocatedMulti(Object a, int dims) {
    Machine m = current();
    if (m != null) {
      allocateTree(m, a, dims);
    }
  }

  private static void allocateTree(Machine m, Object a, int dims) {
    m.allocated(a, ObjectShapes.sizeOf(a));
    if (dims > 1 && a instanceof Object[] arr) {
      for (Object sub : arr) {
        if (sub != null) {
          allocateTree(m, sub, dims - 1);
        }
      }
    }
  }

  // ---- JIT intrinsics: a per-byte cost model (docs/simulator.md, "Intrinsics") ----

  /** Before {@code System.arraycopy}: counted only when the copy will succeed (bounds, types). */
  public static void arraycopying(Object src, int srcPos, Object dst, int dstPos, int length) {
    Machine m = current();
    if (m != null && src != null && dst != null && src.getClass().isArray()
        && (src.getClass() == dst.getClass() || !src.getClass().getComponentType().isPrimitive()
            && !dst.getClass().getComponentType().isPrimitive())
        && length >= 0 && srcPos >= 0 && dstPos >= 0
        && srcPos <= java.lang.reflect.Array.getLength(src) - length
        && dstPos <= java.lang.reflect.Array.getLength(dst) - length) {
      int shift = ObjectShapes.elementShift(src.getClass());
      m.bulkCopy(src, ObjectShapes.ARRAY_HEADER + ((long) srcPos << shift), dst,
          ObjectShapes.ARRAY_HEADER + ((long) dstPos << shift), (long) length << shift);
    }
  }

  /** Before {@code clone()} of an array, or {@code Object.clone()} reached by super.clone(). */
  public static void cloning(Object o) {
    Machine m = current();
    if (m != null && o != null && (o.getClass().isArray() || o instanceof Cloneable)) {
      boolean array = o.getClass().isArray();
      long bytes = array
          ? (long) java.lang.reflect.Array.getLength(o) << ObjectShapes.elementShift(o.getClass())
          : ObjectShapes.instanceSize(o.getClass()) - ObjectShapes.HEADER;
      // the copy's stores are the allocation's zeroing stores (cloned): only the reads here
      m.bulkCopy(o, array ? ObjectShapes.ARRAY_HEADER : ObjectShapes.HEADER, null, 0, bytes);
    }
  }

  /** After a clone returned its copy: an allocation of the original's size. */
  public static void cloned(Object copy) {
    Machine m = current();
    if (m != null && copy != null) {
      m.allocated(copy, ObjectShapes.sizeOf(copy));
    }
  }

  private static void fill(Object a, int from, int to) {
    Machine m = current();
    if (m != null && a != null && from >= 0 && from <= to
        && to <= java.lang.reflect.Array.getLength(a)) {
      int shift = ObjectShapes.elementShift(a.getClass());
      m.bulkFill(a, ObjectShapes.ARRAY_HEADER + ((long) from << shift),
          (long) (to - from) << shift);
    }
  }

  /** Before {@code Arrays.fill(a, v)} of any element type. */
  public static void filling(Object a, int v) {
    fill(a, 0, a == null ? 0 : java.lang.reflect.Array.getLength(a));
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, long v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, float v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)}. */
  public static void filling(Object a, double v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, v)} of a reference array. */
  public static void filling(Object a, Object v) {
    filling(a, 0);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, int v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, long v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, float v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)}. */
  public static void filling(Object a, int from, int to, double v) {
    fill(a, from, to);
  }

  /** Before {@code Arrays.fill(a, from, to, v)} of a reference array. */
  public static void filling(Object a, int from, int to, Object v) {
    fill(a, from, to);
  }

  /**
   * Before {@code Arrays.equals(a, b)} of two primitive arrays of one type: the vectorised
   * comparison reads both up to the first mismatch (equal lengths only; else no element is read).
   */
  public static void comparing(Object a, Object b) {
    Machine m = current();
    if (m == null) {
      return;
    }
    long bytes = 0;
    if (a != null && b != null && a != b) {
      int length = java.lang.reflect.Array.getLength(a);
      if (length == java.lang.reflect.Array.getLength(b)) {
        int mismatch = mismatch(a, b);
        bytes = (long) (mismatch < 0 ? length : mismatch + 1) << ObjectShapes.elementShift(a.getClass());
      }
    }
    m.bulkCompare(a, b, bytes);
  }

  private static int mismatch(Object a, Object b) {
    if (a instanceof byte[] x) {
      return java.util.Arrays.mismatch(x, (byte[]) b);
    } else if (a instanceof int[] x) {
      return java.util.Arrays.mismatch(x, (int[]) b);
    } else if (a instanceof long[] x) {
      return java.util.Arrays.mismatch(x, (long[]) b);
    } else if (a instanceof char[] x) {
      return java.util.Arrays.mismatch(x, (char[]) b);
    } else if (a instanceof short[] x) {
      return java.util.Arrays.mismatch(x, (short[]) b);
    } else if (a instanceof boolean[] x) {
      return java.util.Arrays.mismatch(x, (boolean[]) b);
    } else if (a instanceof float[] x) {
      return java.util.Arrays.mismatch(x, (float[]) b);
    } else if (a instanceof double[] x) {
      return java.util.Arrays.mismatch(x, (double[]) b);
    }
    return -1;
  }

  // ---- guest events: probes around the original JDK calls ----

  /** Before {@code Thread.onSpinWait()}: one PAUSE. */
  public static void spinWaiting() {
    Machine m = current();
    if (m != null) {
      m.pause();
    }
  }

  private static void parking(long nanos) {
    Machine m = current();
    Thread self = Thread.currentThread();
    boolean permit;
    synchronized (PERMITS) {
      permit = Boolean.TRUE.equals(PERMITS.remove(self));
      if (!permit) {
        PERMITS.put(self, Boolean.FALSE);
      }
    }
    if (m != null && !permit) {
      m.blocks(nanos);
    }
  }

  /** Before {@code LockSupport.park()} and {@code park(Object)}. */
  public static void parking() {
    parking(0);
  }

  /** Before {@code LockSupport.parkNanos}: a timed park (none at all when not positive). */
  public static void parkingNanos(long nanos) {
    if (nanos > 0) {
      parking(nanos);
    }
  }

  /** Before {@code LockSupport.parkUntil}. */
  public static void parkingUntil(long deadlineMillis) {
    parking(Math.max(1, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L));
  }

  /** After any {@code LockSupport.park*} returned. */
  public static void parked() {
    synchronized (PERMITS) {
      PERMITS.remove(Thread.currentThread());
    }
  }

  /**
   * Before {@code LockSupport.unpark(Thread)}: waking a parked thread is a wake-up IPI; else the
   * permit is stored and the target's next park does not block.
   */
  public static void unparking(Thread t) {
    if (t == null) {
      return;
    }
    boolean wakes;
    synchronized (PERMITS) {
      wakes = PERMITS.containsKey(t) && !PERMITS.get(t)
          || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
      if (!wakes) {
        PERMITS.put(t, Boolean.TRUE);
      }
    }
    Machine m = current();
    if (m != null && wakes) {
      m.ipi();
    }
  }

  /** Before {@code Thread.sleep(long)}. */
  public static void sleeping(long millis) {
    Machine m = current();
    if (m != null && millis > 0) {
      m.blocks(millis * 1_000_000L);
    }
  }

  /** Before {@code Thread.sleep(long, int)}. */
  public static void sleeping(long millis, int nanos) {
    Machine m = current();
    if (m != null && millis >= 0 && nanos >= 0 && nanos <= 999_999 && (millis > 0 || nanos > 0)) {
      m.blocks(millis * 1_000_000L + nanos);
    }
  }

  /** Before {@code Object.wait()}. */
  public static void waiting(Object o) {
    WAITS.enter(o, 0);
  }

  /** Before {@code Object.wait(long)}. */
  public static void waiting(Object o, long millis) {
    if (millis >= 0) {
      WAITS.enter(o, millis * 1_000_000L);
    }
  }

  /** Before {@code Object.wait(long, int)}. */
  public static void waiting(Object o, long millis, int nanos) {
    if (millis >= 0 && nanos >= 0 && nanos <= 999_999) {
      WAITS.enter(o, millis * 1_000_000L + nanos);
    }
  }

  /** After {@code Object.wait*} returned (notified, timed out or woken spuriously). */
  public static void waited(Object o) {
    WAITS.leave(o);
  }

  /** Before {@code Object.notify()}: an IPI when it takes a blocked waiter out of the wait set. */
  public static void notifying(Object o) {
    int woken = WAITS.notify(o, false);
    Machine m = current();
    if (m != null && woken > 0) {
      m.ipi();
    }
  }

  /** Before {@code Object.notifyAll()}: an IPI per blocked waiter it takes out of the wait set. */
  public static void notifyingAll(Object o) {
    int woken = WAITS.notify(o, true);
    Machine m = current();
    if (m != null) {
      for (int i = 0; i < woken; i++) {
        m.ipi();
      }
    }
  }

  /** Before {@code Thread.start()}: the new thread wakes another CPU (an IPI). */
  public static void starting(Thread t) {
    Machine m = current();
    if (m != null && t != null && t.getState() == Thread.State.NEW) {
      m.threadStarted(t);
    }
  }

  /** After {@code ByteBuffer.allocateDirect(int)}: the JDK zeroes (touches) every page. */
  public static void allocatedDirect(ByteBuffer b) {
    Machine m = current();
    if (m != null) {
      m.directAllocated(b.capacity());
    }
  }

  /** After {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)} freed (unmapped) the buffer. */
  public static void cleaned(ByteBuffer b) {
    Machine m = current();
    if (m != null && b.isDirect()) {
      m.directReleased(b.capacity());
    }
  }
}
