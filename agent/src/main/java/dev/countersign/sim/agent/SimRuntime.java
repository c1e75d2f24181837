package dev.countersign.sim.agent;

/**
 * The runtime instrumented code calls: which {@link Machine} counts the calling thread — the test
 * thread's while a probe counts an iteration, or a child machine for a thread created during that
 * iteration — and the probes of basic blocks and branches, the hot path of every instrumented
 * method. Instrumented code outside measured iterations (warm-up, JUnit, other threads) only pays
 * the look-up. The other probes: {@link MemoryProbes} (field and array accesses, allocations),
 * {@link IntrinsicProbes} (the per-byte models of JIT intrinsics and natives) and {@link
 * GuestProbes} (park, wait, sleep, thread start and direct buffers for the VM-exit model). This
 * class is public only because instrumented classes in any package call it; it is not an API.
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
  static int attached;
  /*
   * The machines attached now (roots and the children of threads they started), for threads that
   * are not the owner. Copy-on-write under LOCK. No ThreadLocal, no collection: since the JDK is
   * instrumented too, a look-up through JDK code would call back into this class (re-entrancy).
   */
  private static volatile Machine[] machines = new Machine[0];
  private static final Object LOCK = new Object();
  /*
   * Whether an attached machine simulates the branch predictor / the memory hierarchy. The probes
   * that feed only those models test these first: when nothing reads them (counting only, or no
   * iteration measured) the JIT compiles such a probe to a load and a never-taken branch.
   */
  private static boolean predicting;
  static boolean modellingMemory;


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

  /** Whether this runtime is reachable from the JDK's own classes (it is on the boot class path). */
  public static boolean bootReachable() {
    return SimRuntime.class.getClassLoader() == null;
  }

  static void attach(Machine m) {
    synchronized (LOCK) {
      m.owner = Thread.currentThread();
      register(m);
      GuestProbes.PERMITS.clear();
      // last: from here on, the owner's instrumented code counts
      ownerMachine = m;
    }
  }

  static void detach(Machine m) {
    synchronized (LOCK) {
      if (ownerMachine == m) {
        ownerMachine = null;
      }
      Machine[] old = machines;
      int kept = 0;
      Machine[] next = new Machine[old.length];
      for (Machine x : old) {
        if (x != m && !x.childOf(m)) {
          next[kept++] = x;
        }
      }
      Machine[] trimmed = new Machine[kept];
      System.arraycopy(next, 0, trimmed, 0, kept);
      machines = trimmed;
      attached = kept;
      m.owner = null;
      models(trimmed);
    }
  }

  /** The models the attached machines simulate (called with LOCK held). */
  private static void models(Machine[] attachedNow) {
    boolean p = false;
    boolean mem = false;
    for (Machine x : attachedNow) {
      p |= x.predictsBranches();
      mem |= x.modelsMemory();
    }
    predicting = p;
    modellingMemory = mem;
  }

  /** Registers a child machine for the thread it counts (called by its parent's thread). */
  static void register(Machine m) {
    synchronized (LOCK) {
      Machine[] old = machines;
      Machine[] next = new Machine[old.length + 1];
      System.arraycopy(old, 0, next, 0, old.length);
      next[old.length] = m;
      machines = next;
      attached = next.length;
      models(next);
    }
  }

  /**
   * The calling thread's machine while it counts and is not inside the model itself ({@link
   * Machine#quiet}: then the JDK code the model runs is not counted), else null. Uses no JDK code
   * but the {@code currentThread} intrinsic.
   */
  static Machine current() {
    Machine m = ownerMachine;
    Thread t = Thread.currentThread();
    if (m != null && m.owner == t) {
      return m.quiet == 0 ? m : null;
    }
    return attached == 0 ? null : otherThreads(t, true);
  }

  /** The machine of {@code t}, not the owner's (counting and not quiet when {@code counting}). */
  private static Machine otherThreads(Thread t, boolean counting) {
    for (Machine x : machines) {
      if (x.owner == t) {
        return !counting || x.quiet == 0 && x.counting() ? x : null;
      }
    }
    return null;
  }

  /** The calling thread's machine whether or not it is quiet, or null. */
  private static Machine own() {
    Machine m = ownerMachine;
    Thread t = Thread.currentThread();
    if (m != null && m.owner == t) {
      return m;
    }
    return attached == 0 ? null : otherThreads(t, false);
  }

  /**
   * On entry to a JDK method the JIT may replace by an intrinsic: what it calls is not counted
   * (compiled, the intrinsic calls nothing); its cost is the model at its call sites.
   */
  public static void quiet() {
    Machine m = own();
    if (m != null) {
      m.quiet++;
    }
  }

  /** On every exit (return or throw) of a method that began with {@link #quiet()}. */
  public static void loud() {
    Machine m = own();
    if (m != null && m.quiet > 0) {
      m.quiet--;
    }
  }

  // ---- basic blocks and branches ----

  /**
   * A basic block of {@code weight} instructions, {@code branches} of them branches (jumps,
   * switches, calls, returns). The hot path of every instrumented method: the owner's test is
   * inlined where the JIT inlines this method, the other threads' look-up is a call.
   */
  public static void block(int weight, int branches) {
    Machine m = ownerMachine;
    if (m != null && m.owner == Thread.currentThread() && m.quiet == 0) {
      m.block(weight, branches);
    } else if (attached != 0) {
      blockElsewhere(weight, branches);
    }
  }

  /**
   * A block of which {@code folded} instructions (calls and returns the JIT inlines, checks it
   * eliminates: {@link InlinePolicy}) are left out of {@code cycles}; otherwise {@link #block}.
   */
  public static void foldedBlock(int weight, int branches, int folded) {
    Machine m = ownerMachine;
    if (m != null && m.owner == Thread.currentThread() && m.quiet == 0) {
      m.foldedBlock(weight, branches, folded);
    } else if (attached != 0) {
      Machine other = current();
      if (other != null) {
        other.foldedBlock(weight, branches, folded);
      }
    }
  }

  private static void blockElsewhere(int weight, int branches) {
    Machine m = current();
    if (m != null) {
      m.block(weight, branches);
    }
  }

  /** Before IFEQ..IFLE on {@code v}; the low 3 bits of {@code siteCond} are the condition. */
  public static void branchInt(int v, int siteCond) {
    Machine m = predicting ? current() : null;
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
    Machine m = predicting ? current() : null;
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
    Machine m = predicting ? current() : null;
    if (m != null) {
      m.conditional(siteCond, (a == b) == ((siteCond & 7) == 0));
    }
  }

  /** Before IFNULL (cond 0) / IFNONNULL (cond 1). */
  public static void branchNull(Object a, int siteCond) {
    Machine m = predicting ? current() : null;
    if (m != null) {
      m.conditional(siteCond, (a == null) == ((siteCond & 7) == 0));
    }
  }

  /** Before TABLESWITCH / LOOKUPSWITCH on {@code key}. */
  public static void switchOn(int key, int site) {
    Machine m = predicting ? current() : null;
    if (m != null) {
      m.switchOutcome(site, key);
    }
  }
}
