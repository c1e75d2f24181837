package dev.countersign.sim.agent;

import java.nio.ByteBuffer;

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
  private static boolean modellingMemory;

  /** Threads inside an instrumented park (false) or holding an unpark permit (true). */
  private static final ThreadFlags PERMITS = new ThreadFlags();
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

  /** Whether this runtime is reachable from the JDK's own classes (it is on the boot class path). */
  public static boolean bootReachable() {
    return SimRuntime.class.getClassLoader() == null;
  }

  static void attach(Machine m) {
    synchronized (LOCK) {
      m.owner = Thread.currentThread();
      register(m);
      PERMITS.clear();
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

  // ---- memory ----

  /** Before GETFIELD on {@code o}. */
  public static void getField(Object o, int site) {
    Machine m = modellingMemory ? current() : null;
    if (m != null && o != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.load(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  /** Before PUTFIELD on {@code o}. */
  public static void putField(Object o, int site) {
    Machine m = modellingMemory ? current() : null;
    if (m != null && o != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.store(m.addressOf(o) + FieldSites.offset(site, o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void arrayLoad(Object a, int i, int shift) {
    Machine m = modellingMemory ? current() : null;
    if (m != null && a != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.load(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void arrayStore(Object a, int i, int shift) {
    Machine m = modellingMemory ? current() : null;
    if (m != null && a != null && m.modelsMemory()) {
      m.quiet++;
      try {
        m.store(m.addressOf(a) + ObjectShapes.ARRAY_HEADER + ((long) i << shift));
      } finally {
        m.quiet--;
      }
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
      m.quiet++;
      try {
        m.allocated(o, m.instanceSize(o.getClass()));
      } finally {
        m.quiet--;
      }
    }
  }

  /** After NEWARRAY / ANEWARRAY. */
  public static void allocatedArray(Object a) {
    Machine m = current();
    if (m != null) {
      m.quiet++;
      try {
        m.allocated(a, ObjectShapes.sizeOf(a));
      } finally {
        m.quiet--;
      }
    }
  }

  /** After MULTIANEWARRAY of {@code dims} allocated dimensions. */
  public static void allocatedMulti(Object a, int dims) {
    Machine m = current();
    if (m != null) {
      m.quiet++;
      try {
        allocateTree(m, a, dims);
      } finally {
        m.quiet--;
      }
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

  // ---- JIT intrinsics and natives: a per-byte cost model (docs/simulator.md, "Intrinsics") ----

  /** Before {@code System.arraycopy}: counted only when the copy will succeed (bounds, types). */
  public static void arraycopying(Object src, int srcPos, Object dst, int dstPos, int length) {
    Machine m = current();
    if (m == null || src == null || dst == null) {
      return;
    }
    m.quiet++;
    try {
      Class<?> s = src.getClass();
      Class<?> d = dst.getClass();
      if (s.isArray() && d.isArray()
          && (s == d || !s.getComponentType().isPrimitive() && !d.getComponentType().isPrimitive())
          && length >= 0 && srcPos >= 0 && dstPos >= 0
          && srcPos <= java.lang.reflect.Array.getLength(src) - length
          && dstPos <= java.lang.reflect.Array.getLength(dst) - length) {
        int shift = ObjectShapes.elementShift(s);
        m.bulkCopy(src, ObjectShapes.ARRAY_HEADER + ((long) srcPos << shift), dst,
            ObjectShapes.ARRAY_HEADER + ((long) dstPos << shift), (long) length << shift);
      }
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code clone()} of an array, or {@code Object.clone()} reached by super.clone(). */
  public static void cloning(Object o) {
    Machine m = current();
    if (m == null || o == null) {
      return;
    }
    m.quiet++;
    try {
      boolean array = o.getClass().isArray();
      if (array || o instanceof Cloneable) {
        long bytes = array
            ? (long) java.lang.reflect.Array.getLength(o) << ObjectShapes.elementShift(o.getClass())
            : ObjectShapes.instanceSize(o.getClass()) - ObjectShapes.HEADER;
        // the copy's stores are the allocation's zeroing stores (cloned): only the reads here
        m.bulkCopy(o, array ? ObjectShapes.ARRAY_HEADER : ObjectShapes.HEADER, null, 0, bytes);
      }
    } finally {
      m.quiet--;
    }
  }

  /** After a clone returned its copy: an allocation of the original's size. */
  public static void cloned(Object copy) {
    Machine m = current();
    if (m != null && copy != null) {
      m.quiet++;
      try {
        m.allocated(copy, ObjectShapes.sizeOf(copy));
      } finally {
        m.quiet--;
      }
    }
  }

  private static void fill(Object a, int from, int to) {
    Machine m = current();
    if (m == null || a == null) {
      return;
    }
    m.quiet++;
    try {
      if (from >= 0 && from <= to && to <= java.lang.reflect.Array.getLength(a)) {
        int shift = ObjectShapes.elementShift(a.getClass());
        m.bulkFill(a, ObjectShapes.ARRAY_HEADER + ((long) from << shift),
            (long) (to - from) << shift);
      }
    } finally {
      m.quiet--;
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
    m.quiet++;
    try {
      long bytes = 0;
      if (a != null && b != null && a != b) {
        int length = java.lang.reflect.Array.getLength(a);
        if (length == java.lang.reflect.Array.getLength(b)) {
          int mismatch = mismatch(a, b);
          bytes = (long) (mismatch < 0 ? length : mismatch + 1)
              << ObjectShapes.elementShift(a.getClass());
        }
      }
      m.bulkCompare(a, b, bytes);
    } finally {
      m.quiet--;
    }
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

  /** Before {@code StringLatin1.equals(a, b)}: as {@link #comparing(Object, Object)}. */
  public static void comparing(byte[] a, byte[] b) {
    comparing((Object) a, (Object) b);
  }

  /** A bulk operation of the intrinsics below, see {@link Machine#bulk}. */
  private static void bulk(Object src, long srcOffset, long srcBytes, Object dst, long dstOffset,
      long dstBytes, boolean dstLoads, int perStep) {
    Machine m = current();
    if (m == null) {
      return;
    }
    m.quiet++;
    try {
      m.bulk(src, srcOffset, Math.max(0, srcBytes), dst, dstOffset, Math.max(0, dstBytes),
          dstLoads, perStep);
    } finally {
      m.quiet--;
    }
  }

  private static long at(long index) {
    return ObjectShapes.ARRAY_HEADER + index;
  }

  /** Before the native {@code CRC32.updateBytes0} / {@code Adler32.updateBytes}. */
  public static void checksumBytes(int crc, byte[] b, int off, int len) {
    if (b != null && len > 0 && off >= 0 && off <= b.length - len) {
      bulk(b, at(off), len, null, 0, 0, false, Machine.CHECKSUM_STEP);
    }
  }

  /** Before {@code CRC32C.updateBytes(crc, b, off, end)}. */
  public static void checksumRange(int crc, byte[] b, int off, int end) {
    checksumBytes(crc, b, off, end - off);
  }

  /** Before the native checksum of a direct buffer's {@code len} bytes (no loads modelled). */
  public static void checksumOffHeap(int crc, long address, int off, int len) {
    if (len > 0) {
      bulk(null, 0, len, null, 0, 0, false, Machine.CHECKSUM_STEP);
    }
  }

  /** Before {@code CRC32C.updateDirectByteBuffer(crc, address, off, end)}. */
  public static void checksumOffHeapRange(int crc, long address, int off, int end) {
    checksumOffHeap(crc, address, off, end - off);
  }

  /** Before the native one-byte {@code CRC32.update(crc, b)} / {@code Adler32.update}. */
  public static void checksumByte(int crc, int b) {
    bulk(null, 0, 1, null, 0, 0, false, Machine.CHECKSUM_STEP);
  }

  /** Before a digest's {@code implCompress0(b, ofs)}: one block. */
  public static void digestBlock(Object digest, byte[] b, int ofs) {
    digested(digest, b, ofs, 1);
  }

  /** Before {@code DigestBase.implCompressMultiBlock0(b, ofs, limit)}: the blocks up to limit. */
  public static void digestBlocks(Object digest, byte[] b, int ofs, int limit) {
    if (ofs <= limit) {
      digested(digest, b, ofs, -limit - 1);
    }
  }

  /** {@code blocks} blocks from {@code ofs}, or (negative) up to the limit {@code -blocks - 1}. */
  private static void digested(Object digest, byte[] b, int ofs, long blocks) {
    Machine m = current();
    if (m == null || digest == null || b == null) {
      return;
    }
    m.quiet++;
    try {
      DigestCost c = DigestCost.of(digest.getClass());
      long n = blocks > 0 ? blocks : (-blocks - 1 - ofs) / c.blockBytes() + 1;
      m.bulk(b, at(ofs), n * c.blockBytes(), null, 0, 0, false, c.perStep());
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code Base64.Encoder.encodeBlock}: 3 bytes in, 4 out. */
  public static void base64Encoding(Object encoder, byte[] src, int sp, int sl, byte[] dst,
      int dp, boolean url) {
    long in = sl - sp;
    bulk(src, at(sp), in, dst, at(dp), in / 3 * 4, false, Machine.BASE64_STEP);
  }

  /** After {@code Base64.Decoder.decodeBlock} returned {@code produced} bytes (4 in, 3 out). */
  public static void base64Decoded(int produced, Object decoder, byte[] src, int sp, int sl,
      byte[] dst, int dp, boolean url) {
    bulk(src, at(sp), (long) produced / 3 * 4, dst, at(dp), produced, false, Machine.BASE64_STEP);
  }

  /** After {@code Base64.Decoder.decodeBlock} (JDK 17+: with isMIME). */
  public static void base64Decoded(int produced, Object decoder, byte[] src, int sp, int sl,
      byte[] dst, int dp, boolean url, boolean mime) {
    base64Decoded(produced, decoder, src, sp, sl, dst, dp, url);
  }

  /** Before a string {@code compareTo} intrinsic: both read up to the first difference. */
  public static void comparingPrefix(byte[] a, byte[] b) {
    if (a != null && b != null) {
      int n = Math.min(a.length, b.length);
      int i = 0;
      while (i < n && a[i] == b[i]) { // not Arrays.mismatch: JDK code, counted here
        i++;
      }
      long bytes = i < n ? i + 1 : n;
      bulk(a, at(0), bytes, b, at(0), bytes, true, Machine.COMPARE_STEP);
    }
  }

  /** After {@code StringLatin1.indexOfChar(value, ch, from, max)} returned {@code found}. */
  public static void scannedLatin1(int found, byte[] value, int ch, int from, int max) {
    long chars = (found >= 0 ? found + 1 : max) - (long) from;
    bulk(value, at(from), chars, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** After {@code StringUTF16.indexOfChar(value, ch, from, max)} returned {@code found}. */
  public static void scannedUtf16(int found, byte[] value, int ch, int from, int max) {
    long chars = (found >= 0 ? found + 1 : max) - (long) from;
    bulk(value, at(2L * from), 2 * chars, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** After {@code StringLatin1.indexOf(src, srcCount, tgt, tgtCount, from)}: the text scanned. */
  public static void searchedLatin1(int found, byte[] src, int srcCount, byte[] tgt,
      int tgtCount, int from) {
    long chars = (found >= 0 ? found + tgtCount : srcCount) - (long) from;
    bulk(src, at(from), chars, tgt, at(0), tgtCount, true, Machine.SEARCH_STEP);
  }

  /** After {@code StringUTF16.indexOf}/{@code indexOfLatin1} with the same arguments. */
  public static void searchedUtf16(int found, byte[] src, int srcCount, byte[] tgt,
      int tgtCount, int from) {
    long chars = (found >= 0 ? found + tgtCount : srcCount) - (long) from;
    bulk(src, at(2L * from), 2 * chars, tgt, at(0), tgtCount, true, Machine.SEARCH_STEP);
  }

  /** Before {@code StringCoding.hasNegatives}/{@code countPositives(b, off, len)}. */
  public static void scannedRange(byte[] b, int off, int len) {
    bulk(b, at(off), len, null, 0, 0, false, Machine.COMPARE_STEP);
  }

  /** Before {@code StringLatin1.inflate(src, srcOff, char[] dst, dstOff, len)}. */
  public static void inflating(byte[] src, int srcOff, char[] dst, int dstOff, int len) {
    bulk(src, at(srcOff), len, dst, at(2L * dstOff), 2L * len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringLatin1.inflate(src, srcOff, byte[] dst, dstOff, len)} (UTF-16 bytes). */
  public static void inflating(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(srcOff), len, dst, at(2L * dstOff), 2L * len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringUTF16.compress(char[] src, srcOff, dst, dstOff, len)}. */
  public static void compressing(char[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(2L * srcOff), 2L * len, dst, at(dstOff), len, false, Machine.COPY_STEP);
  }

  /** Before {@code StringUTF16.compress(byte[] src, srcOff, dst, dstOff, len)}. */
  public static void compressing(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
    bulk(src, at(2L * srcOff), 2L * len, dst, at(dstOff), len, false, Machine.COPY_STEP);
  }

  /**
   * After {@code ArraysSupport.vectorizedMismatch(a, aOffset, b, bOffset, length, log2Scale)}
   * returned a mismatch index or the complement of the elements left: both read that far.
   */
  public static void mismatched(int result, Object a, long aOffset, Object b, long bOffset,
      int length, int log2Scale) {
    long elements = result >= 0 ? result + 1L : length - (long) ~result;
    long bytes = elements << log2Scale;
    bulk(a, aOffset, bytes, b, bOffset, bytes, true, Machine.COMPARE_STEP);
  }

  /** Before {@code ArraysSupport.vectorizedHashCode(array, from, length, initial, basicType)}. */
  public static void hashedRange(Object array, int from, int length, int initial, int basicType) {
    int shift = switch (basicType) {
      case 5, 9 -> 1; // T_CHAR, T_SHORT
      case 10 -> 2; // T_INT
      default -> 0; // T_BOOLEAN, T_BYTE
    };
    bulk(array, at((long) from << shift), (long) length << shift, null, 0, 0, false,
        Machine.HASH_STEP);
  }

  /** After {@code Arrays.copyOf(original, newLength, newType)} returned {@code copy}. */
  public static void copiedOf(Object copy, Object original, int newLength, Object newType) {
    copied(copy, original, 0, newLength);
  }

  /** After {@code Arrays.copyOfRange(original, from, to, newType)} returned {@code copy}. */
  public static void copiedOfRange(Object copy, Object original, int from, int to,
      Object newType) {
    copied(copy, original, from, to - from);
  }

  /** A new array {@code copy} with up to {@code length} elements of {@code original} from {@code from}. */
  private static void copied(Object copy, Object original, int from, int length) {
    Machine m = current();
    if (m == null || !(copy instanceof Object[]) || !(original instanceof Object[] o)) {
      return;
    }
    m.quiet++;
    try {
      m.allocated(copy, ObjectShapes.sizeOf(copy));
      long bytes = (long) Math.max(0, Math.min(length, o.length - from)) << 2;
      m.bulk(original, at((long) from << 2), bytes, null, 0, 0, false, Machine.COPY_STEP);
    } finally {
      m.quiet--;
    }
  }

  /** After {@code StringUTF16.toBytes(value, off, len)} returned the new byte array. */
  public static void utf16Bytes(byte[] bytes, char[] value, int off, int len) {
    Machine m = current();
    if (m == null || bytes == null) {
      return;
    }
    m.quiet++;
    try {
      m.allocated(bytes, ObjectShapes.sizeOf(bytes));
      m.bulk(value, at(2L * off), 2L * len, null, 0, 0, false, Machine.COPY_STEP);
    } finally {
      m.quiet--;
    }
  }

  /** Before {@code StringUTF16.getChars(value, srcBegin, srcEnd, dst, dstBegin)}. */
  public static void utf16Chars(byte[] value, int srcBegin, int srcEnd, char[] dst,
      int dstBegin) {
    long bytes = 2L * (srcEnd - srcBegin);
    bulk(value, at(2L * srcBegin), bytes, dst, at(2L * dstBegin), bytes, false, Machine.COPY_STEP);
  }

  /**
   * Before the sorting intrinsic {@code DualPivotQuicksort.sort(type, array, offset, low, high,
   * op)} (JDK 22+): per 32-byte step of the range, a load, a store and 4 instructions per level
   * of the sorting network (log2 of the elements).
   */
  public static void sorting(Object type, Object array, long offset, int low, int high,
      Object op) {
    long n = high - low;
    if (n > 1) {
      int shift = type == long.class || type == double.class ? 3 : 2;
      int levels = 64 - Long.numberOfLeadingZeros(n - 1);
      long bytes = n << shift;
      long start = offset + ((long) low << shift);
      bulk(array, start, bytes, array, start, bytes, false, 4 * levels);
    }
  }

  /** Before the partitioning intrinsic {@code DualPivotQuicksort.partition} (JDK 22+). */
  public static void partitioning(Object type, Object array, long offset, int low, int high,
      int pivot1, int pivot2, Object op) {
    long n = high - low;
    if (n > 0) {
      int shift = type == long.class || type == double.class ? 3 : 2;
      long bytes = n << shift;
      long start = offset + ((long) low << shift);
      bulk(array, start, bytes, array, start, bytes, false, Machine.SEARCH_STEP);
    }
  }

  // ---- guest events: probes around the original JDK calls ----

  /** Before {@code Thread.onSpinWait()}: one PAUSE. */
  public static void spinWaiting() {
    Machine m = current();
    if (m != null) {
      m.quiet++;
      try {
        m.pause();
      } finally {
        m.quiet--;
      }
    }
  }

  private static void parking(long nanos) {
    if (attached == 0) {
      return; // nothing counts: nobody to tell whether an unpark wakes this thread
    }
    Machine m = current();
    if (m != null) {
      m.quiet++;
    }
    try {
      if (!PERMITS.take(Thread.currentThread()) && m != null) {
        m.blocks(nanos);
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
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
    if (attached != 0) {
      parking(Math.max(1, (deadlineMillis - System.currentTimeMillis()) * 1_000_000L));
    }
  }

  /** After any {@code LockSupport.park*} returned. */
  public static void parked() {
    if (attached != 0) {
      PERMITS.remove(Thread.currentThread());
    }
  }

  /**
   * Before {@code LockSupport.unpark(Thread)}: waking a parked thread is a wake-up IPI; else the
   * permit is stored and the target's next park does not block.
   */
  public static void unparking(Thread t) {
    if (t == null || attached == 0) {
      return;
    }
    Machine m = current();
    if (m != null) {
      m.quiet++;
    }
    try {
      boolean wakes = PERMITS.unpark(t)
          || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
      if (m != null && wakes) {
        m.ipi();
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
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

  private static void enterWait(Object o, long timedNanos) {
    if (attached == 0) {
      return;
    }
    Machine m = current();
    if (m != null) {
      m.quiet++;
    }
    try {
      if (WAITS.enter(o) && m != null) {
        m.blocks(timedNanos);
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code Object.wait()}. */
  public static void waiting(Object o) {
    enterWait(o, 0);
  }

  /** Before {@code Object.wait(long)}. */
  public static void waiting(Object o, long millis) {
    if (millis >= 0) {
      enterWait(o, millis * 1_000_000L);
    }
  }

  /** Before {@code Object.wait(long, int)}. */
  public static void waiting(Object o, long millis, int nanos) {
    if (millis >= 0 && nanos >= 0 && nanos <= 999_999) {
      enterWait(o, millis * 1_000_000L + nanos);
    }
  }

  /** After {@code Object.wait*} returned (notified, timed out or woken spuriously). */
  public static void waited(Object o) {
    if (attached != 0) {
      WAITS.leave(o);
    }
  }

  private static void notifyWaiters(Object o, boolean all) {
    if (attached == 0) {
      return;
    }
    Machine m = current();
    if (m != null) {
      m.quiet++;
    }
    try {
      int woken = WAITS.notify(o, all);
      if (m != null) {
        for (int i = 0; i < woken; i++) {
          m.ipi();
        }
      }
    } finally {
      if (m != null) {
        m.quiet--;
      }
    }
  }

  /** Before {@code Object.notify()}: an IPI when it takes a blocked waiter out of the wait set. */
  public static void notifying(Object o) {
    notifyWaiters(o, false);
  }

  /** Before {@code Object.notifyAll()}: an IPI per blocked waiter it takes out of the wait set. */
  public static void notifyingAll(Object o) {
    notifyWaiters(o, true);
  }

  /**
   * Before {@code Thread.start()}: the new thread wakes another CPU (an IPI), and it counts on a
   * machine of its own from its first instruction.
   */
  public static void starting(Thread t) {
    Machine m = current();
    if (m != null && t != null) {
      m.quiet++;
      try {
        if (t.getState() == Thread.State.NEW) {
          m.threadStarted(t);
        }
      } finally {
        m.quiet--;
      }
    }
  }

  /** After {@code ByteBuffer.allocateDirect(int)}: the JDK zeroes (touches) every page. */
  public static void allocatedDirect(ByteBuffer b) {
    Machine m = current();
    if (m != null) {
      m.quiet++;
      try {
        m.directAllocated(b.capacity());
      } finally {
        m.quiet--;
      }
    }
  }

  /** After {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)} freed (unmapped) the buffer. */
  public static void cleaned(ByteBuffer b) {
    Machine m = current();
    if (m != null) {
      m.quiet++;
      try {
        if (b.isDirect()) {
          m.directReleased(b.capacity());
        }
      } finally {
        m.quiet--;
      }
    }
  }
}
