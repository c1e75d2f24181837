package dev.countersign.sim.agent;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The static entry points instrumented code calls. Each finds the {@link Machine} of the calling
 * thread — the test thread's while a probe counts an iteration, or a child machine for a thread
 * created during that iteration — and does nothing when there is none, so instrumented code
 * outside measured iterations (warm-up, JUnit, other threads) only pays the look-up.
 *
 * <p>The wrappers of JDK calls ({@link #park()}, {@link #sleep(long)}, {@link #objectWait(Object)},
 * {@link #threadStart(Thread)}, {@link #allocateDirect(int)}, ...) perform the original call with
 * the original semantics and record the guest event. This class is public only because
 * instrumented classes in any package call it; it is not an API.
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
  private static final Map<Object, Integer> WAITERS = new IdentityHashMap<>();

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

  /** Replaces IASTORE. */
  public static void iastore(int[] a, int i, int v) {
    arrayStore(a, i, 2);
    a[i] = v;
  }

  /** Replaces LASTORE. */
  public static void lastore(long[] a, int i, long v) {
    arrayStore(a, i, 3);
    a[i] = v;
  }

  /** Replaces FASTORE. */
  public static void fastore(float[] a, int i, float v) {
    arrayStore(a, i, 2);
    a[i] = v;
  }

  /** Replaces DASTORE. */
  public static void dastore(double[] a, int i, double v) {
    arrayStore(a, i, 3);
    a[i] = v;
  }

  /** Replaces AASTORE (the JVM still performs the array store check). */
  public static void aastore(Object[] a, int i, Object v) {
    arrayStore(a, i, 2);
    a[i] = v;
  }

  /** Replaces BASTORE, which serves byte[] and boolean[] alike. */
  public static void bastore(Object a, int i, int v) {
    arrayStore(a, i, 0);
    if (a instanceof byte[] b) {
      b[i] = (byte) v;
    } else {
      ((boolean[]) a)[i] = (v & 1) != 0;
    }
  }

  /** Replaces CASTORE. */
  public static void castore(char[] a, int i, int v) {
    arrayStore(a, i, 1);
    a[i] = (char) v;
  }

  /** Replaces SASTORE. */
  public static void sastore(short[] a, int i, int v) {
    arrayStore(a, i, 1);
    a[i] = (short) v;
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

  // ---- guest events: wrappers of JDK calls ----

  /** Replaces {@code Thread.onSpinWait()}: one PAUSE. */
  public static void onSpinWait() {
    Machine m = current();
    if (m != null) {
      m.pause();
    }
    Thread.onSpinWait();
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

  private static void parked() {
    synchronized (PERMITS) {
      PERMITS.remove(Thread.currentThread());
    }
  }

  /** Replaces {@code LockSupport.park()}. */
  public static void park() {
    parking(0);
    try {
      LockSupport.park();
    } finally {
      parked();
    }
  }

  /** Replaces {@code LockSupport.park(Object)}. */
  public static void park(Object blocker) {
    parking(0);
    try {
      LockSupport.park(blocker);
    } finally {
      parked();
    }
  }

  /** Replaces {@code LockSupport.parkNanos(long)}. */
  public static void parkNanos(long nanos) {
    if (nanos > 0) {
      parking(nanos);
    }
    try {
      LockSupport.parkNanos(nanos);
    } finally {
      parked();
    }
  }

  /** Replaces {@code LockSupport.parkNanos(Object, long)}. */
  public static void parkNanos(Object blocker, long nanos) {
    if (nanos > 0) {
      parking(nanos);
    }
    try {
      LockSupport.parkNanos(blocker, nanos);
    } finally {
      parked();
    }
  }

  /** Replaces {@code LockSupport.parkUntil(long)}. */
  public static void parkUntil(long deadlineMillis) {
    parking(Math.max(1, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L));
    try {
      LockSupport.parkUntil(deadlineMillis);
    } finally {
      parked();
    }
  }

  /** Replaces {@code LockSupport.parkUntil(Object, long)}. */
  public static void parkUntil(Object blocker, long deadlineMillis) {
    parking(Math.max(1, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L));
    try {
      LockSupport.parkUntil(blocker, deadlineMillis);
    } finally {
      parked();
    }
  }

  /**
   * Replaces {@code LockSupport.unpark(Thread)}: waking a parked thread is a wake-up IPI; else the
   * permit is stored and the target's next park does not block.
   */
  public static void unpark(Thread t) {
    if (t != null) {
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
    LockSupport.unpark(t);
  }

  /** Replaces {@code Thread.sleep(long)}. */
  public static void sleep(long millis) throws InterruptedException {
    Machine m = current();
    if (m != null && millis > 0) {
      m.blocks(millis * 1_000_000L);
    }
    Thread.sleep(millis);
  }

  /** Replaces {@code Thread.sleep(long, int)}. */
  public static void sleep(long millis, int nanos) throws InterruptedException {
    Machine m = current();
    if (m != null && (millis > 0 || nanos > 0)) {
      m.blocks(millis * 1_000_000L + nanos);
    }
    Thread.sleep(millis, nanos);
  }

  private static void waiting(Object o, long nanos) {
    Machine m = current();
    if (m != null) {
      m.blocks(nanos);
    }
    synchronized (WAITERS) {
      WAITERS.merge(o, 1, Integer::sum);
    }
  }

  private static void waited(Object o) {
    synchronized (WAITERS) {
      WAITERS.computeIfPresent(o, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Replaces {@code Object.wait()}. */
  public static void objectWait(Object o) throws InterruptedException {
    waiting(o, 0);
    try {
      o.wait();
    } finally {
      waited(o);
    }
  }

  /** Replaces {@code Object.wait(long)}. */
  public static void objectWait(Object o, long millis) throws InterruptedException {
    waiting(o, millis * 1_000_000L);
    try {
      o.wait(millis);
    } finally {
      waited(o);
    }
  }

  /** Replaces {@code Object.wait(long, int)}. */
  public static void objectWait(Object o, long millis, int nanos) throws InterruptedException {
    waiting(o, millis * 1_000_000L + nanos);
    try {
      o.wait(millis, nanos);
    } finally {
      waited(o);
    }
  }

  private static int waiters(Object o) {
    synchronized (WAITERS) {
      return WAITERS.getOrDefault(o, 0);
    }
  }

  /** Replaces {@code Object.notify()}: an IPI when a thread waits on the monitor. */
  public static void objectNotify(Object o) {
    o.notify();
    Machine m = current();
    if (m != null && waiters(o) > 0) {
      m.ipi();
    }
  }

  /** Replaces {@code Object.notifyAll()}: an IPI per waiting thread. */
  public static void objectNotifyAll(Object o) {
    o.notifyAll();
    Machine m = current();
    if (m != null) {
      for (int i = waiters(o); i > 0; i--) {
        m.ipi();
      }
    }
  }

  /** Replaces {@code Thread.start()}: the new thread wakes another CPU (an IPI). */
  public static void threadStart(Thread t) {
    t.start();
    Machine m = current();
    if (m != null) {
      m.threadStarted(t);
    }
  }

  /** Replaces {@code ByteBuffer.allocateDirect(int)}: the JDK zeroes (touches) every page. */
  public static ByteBuffer allocateDirect(int capacity) {
    ByteBuffer b = ByteBuffer.allocateDirect(capacity);
    Machine m = current();
    if (m != null) {
      m.directAllocated(capacity);
    }
    return b;
  }

  /** Replaces {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)}: frees (unmaps) the buffer. */
  @SuppressWarnings("removal")
  public static void invokeCleaner(sun.misc.Unsafe unsafe, ByteBuffer b) {
    int capacity = b == null ? 0 : b.capacity();
    boolean direct = b != null && b.isDirect();
    unsafe.invokeCleaner(b);
    Machine m = current();
    if (m != null && direct) {
      m.directReleased(capacity);
    }
  }
}
