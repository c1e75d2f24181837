package dev.countersign.sim.agent;

import dev.countersign.sim.agent.GuestActivity.SpinEpisode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The simulated core one thread runs on during a measured iteration: counters, caches, TLBs, a
 * branch predictor, a synthetic heap and the guest events with their TSC timestamps. A root
 * machine belongs to a probe and is driven by {@link #begin()} / {@link #end()} on the test thread;
 * threads the workload creates while it counts get a child machine each (their own core, own
 * caches and own TLAB region), summed into the root's totals.
 *
 * <p>Every iteration starts from the same state (counters zero, caches, TLBs and predictor empty,
 * heap bump pointer at the region's base) so that a single-threaded workload gives the same counts
 * in every iteration and every run. Only the high-water mark of heap pages ever touched survives
 * from one iteration to the next: the heap's pages stay mapped, as the JVM's do.
 *
 * <p>Not thread-safe: each machine is updated by its one thread only.
 *
 * <p>Its parts: {@link MemoryHierarchy} (caches, TLBs, prefetcher and their counters), {@link
 * SyntheticHeap} (addresses, allocation and first-touched pages), {@link GuestEvents}, and the
 * large state of the core in {@link CoreModel}. Longer than 300 lines because what is left is the
 * machine itself, each part a few lines: the iteration's life cycle on the test thread, the child
 * machines of the threads it starts, the instruction and branch counters of the hot path (kept
 * here, one field increment away from {@link SimRuntime#block}), the per-byte intrinsic costs
 * that combine counters and memory, and the cycle model over all of them.
 */
public final class Machine {

  final CpuProfile profile;
  private final Machine root;
  private final int index;
  private final int lineBytes;
  private final long pageBytes;
  private final MemoryHierarchy memory;
  private final SyntheticHeap heap;
  private final List<Machine> children = new ArrayList<>();
  private final List<Thread> startedThreads = new ArrayList<>();
  private final GuestEvents guest;
  private final CoreModel core;
  /** Cores of the threads counted in earlier iterations, by start index, for reuse. */
  private final List<CoreModel> childCores = new ArrayList<>();

  /** The thread this machine counts (set while attached). */
  Thread owner;
  /**
   * Non-zero while the model itself runs on this machine's thread, or the thread is inside the
   * body of a JDK method modelled as an intrinsic: JDK code the model calls (it is instrumented
   * too) is then not counted and does not recurse into the model. Reset by {@link #begin()}.
   */
  int quiet;
  /**
   * The identity hash codes of objects this machine's thread hashes first while it counts
   * ({@link IdentityHashes}); restarted by {@link #begin()}, so each invocation hands out the same.
   */
  final HashSequence hashes;

  private volatile boolean active;
  private volatile int generation;
  private final int bornInGeneration;

  private long instructions;
  /** Instructions the JIT removes ({@link InlinePolicy}): counted, but not in cycles. */
  private long inlined;
  private long branches;
  private long branchMisses;
  private long pauses;
  private long idleTicks;
  private long tscBase;

  private final BranchPredictor predictor;
  private final TypeSizes sizes = new TypeSizes();

  private final boolean memoryModel;
  private final boolean predictorModel;

  private Machine(CpuProfile profile, Machine root, int index, boolean memoryModel,
      boolean predictorModel) {
    this.profile = profile;
    this.memoryModel = memoryModel;
    this.predictorModel = predictorModel;
    this.root = root;
    this.index = index;
    this.lineBytes = profile.l1d().lineBytes();
    this.pageBytes = profile.pageBytes();
    this.guest = new GuestEvents(profile.ticks(profile.spinGapCycles()));
    this.bornInGeneration = root == null ? 0 : root.generation;
    this.core = root == null ? new CoreModel(profile, memoryModel || predictorModel)
        : root.childCore(index);
    this.memory = new MemoryHierarchy(core, profile);
    this.heap = new SyntheticHeap(core.addresses, index, pageBytes, sizes);
    this.predictor = core.predictor;
    this.hashes = new HashSequence(index);
    resetState();
  }

  /** A root machine for one probe. */
  public static Machine create(CpuProfile profile) {
    return new Machine(profile, null, 0, true, true);
  }

  /**
   * A root machine that models only what is asked: without the memory model, loads and stores are
   * not simulated (cache, TLB and cycle counts stay 0); without the predictor, branches are counted
   * but never mispredicted. Instructions, branches, allocation and page touches are always counted.
   */
  public static Machine create(CpuProfile profile, boolean memoryModel, boolean predictorModel) {
    return new Machine(profile, null, 0, memoryModel, predictorModel);
  }

  /** The profile simulated. */
  public CpuProfile profile() {
    return profile;
  }

  /** Starts a measured iteration on the calling thread. */
  public void begin() {
    if (root != null) {
      throw new IllegalStateException("a child machine is driven by its root");
    }
    synchronized (children) {
      children.clear();
    }
    startedThreads.clear();
    resetState();
    generation++;
    active = true;
    SimRuntime.attach(this);
  }

  /** Ends the measured iteration started by {@link #begin()} on the calling thread. */
  public void end() {
    SimRuntime.detach(this);
    active = false;
    closeSpin();
    synchronized (children) {
      for (Machine c : children) {
        c.closeSpin();
      }
    }
  }

  /** Whether this machine counts now. */
  boolean counting() {
    return root == null ? active : root.active && root.generation == bornInGeneration;
  }

  /** Whether this is a child machine of {@code r}. */
  boolean childOf(Machine r) {
    return root == r;
  }

  /** A machine for a thread started by this machine's thread while it counts, or null. */
  private Machine spawnChild() {
    Machine r = root == null ? this : root;
    if (!counting()) {
      return null;
    }
    synchronized (r.children) {
      Machine c = new Machine(profile, r, r.children.size() + 1, memoryModel, predictorModel);
      c.tscBase = tscNow();
      r.children.add(c);
      return c;
    }
  }

  private void resetState() {
    instructions = 0;
    inlined = 0;
    branches = 0;
    branchMisses = 0;
    pauses = 0;
    idleTicks = 0;
    tscBase = 0;
    guest.reset();
    quiet = 0;
    hashes.reset(index);
    memory.reset();
    heap.reset();
    core.clear();
  }

  /** The core of the {@code index}-th thread counted in an iteration (from 1), reused. */
  private CoreModel childCore(int index) {
    // called with 'children' locked, by spawnChild
    while (childCores.size() < index) {
      childCores.add(new CoreModel(profile, memoryModel || predictorModel));
    }
    return childCores.get(index - 1);
  }

  // ---- events from instrumented code ----

  /**
   * An instrumented basic block: counted unless the thread is {@link #quiet} ({@link
   * SimRuntime#block} tests only the owner, to stay small enough to inline).
   */
  void block(int weight, int unconditional) {
    if (quiet == 0) {
      charge(weight, unconditional);
    }
  }

  /** Instructions and branches a model charges (from inside a probe, quiet or not). */
  void charge(int weight, int unconditional) {
    instructions += weight;
    branches += unconditional;
  }

  /**
   * A block of which {@code folded} instructions are left out of cycles ({@link InlinePolicy}),
   * unless the thread is {@link #quiet} (as {@link #block}).
   */
  void foldedBlock(int weight, int unconditional, int folded) {
    if (quiet == 0) {
      charge(weight, unconditional);
      inlined += folded;
    }
  }

  /** A conditional branch's outcome (the branch itself is counted with its block). */
  void conditional(int site, boolean taken) {
    if (predictorModel && predictor.conditional(site, taken)) {
      branchMisses++;
    }
  }

  /** A switch's key (the switch itself is counted with its block). */
  void switchOutcome(int site, int key) {
    if (predictorModel && predictor.indirect(site, key)) {
      branchMisses++;
    }
  }

  /** A load of {@code address} (nothing without the memory model). */
  void load(long address) {
    if (memoryModel) {
      memory.load(address);
    }
  }

  /** A store to {@code address} (nothing without the memory model). */
  void store(long address) {
    if (memoryModel) {
      memory.store(address);
    }
  }

  /** Whether loads and stores are simulated. */
  boolean modelsMemory() {
    return memoryModel;
  }

  /** Whether branch outcomes are simulated. */
  boolean predictsBranches() {
    return predictorModel;
  }

  /**
   * {@link ObjectShapes#instanceSize} through a small cache of the types seen last (an allocating
   * loop creates a few classes in turn: a map's node and its boxed key), so that the common case
   * runs no JDK code.
   */
  long instanceSize(Class<?> type) {
    return sizes.instanceSize(type);
  }

  /** Bytes of any object (an array's header and elements), through the same cache. */
  long sizeOf(Object o) {
    return sizes.sizeOf(o);
  }

  /** Synthetic address of {@code o}; objects not allocated while counting get one on first use. */
  long addressOf(Object o) {
    return heap.addressOf(o);
  }

  void allocated(Object o, long size) {
    zeroed(heap.allocate(o, size, memoryModel), size);
  }

  /**
   * An allocation a model charges without its object (made inside a silent JDK method): its
   * bytes, pages and zeroing stores; the object gets an address on first use, as one allocated
   * before the iteration.
   */
  void allocatedElsewhere(long size) {
    zeroed(heap.allocate(null, size, false), size);
  }

  /** The TLAB allocation zeroes the object: a store to each of its lines. */
  private void zeroed(long a, long size) {
    if (!memoryModel) {
      return;
    }
    for (long line = a & -lineBytes; line < a + size; line += lineBytes) {
      store(line);
    }
  }

  // ---- JIT intrinsics (docs/simulator.md, "Intrinsics") ----

  /** Bytes a vectorised intrinsic handles per step (one 32-byte AVX2 register). */
  static final int VECTOR_BYTES = 32;
  /** Instructions of an intrinsic's fixed part: argument checks, alignment, tail, return. */
  static final int INTRINSIC_SETUP = 10;

  private void intrinsic(long steps, long perStep) {
    instructions += INTRINSIC_SETUP + steps * perStep;
    branches += steps + 1; // the loop's back-edges and the exit, all predicted
  }

  private static long steps(long bytes) {
    return (bytes + VECTOR_BYTES - 1) / VECTOR_BYTES;
  }

  /**
   * A copy of {@code bytes} from {@code src} (offset from the object's start) to {@code dst} (null:
   * the stores are counted elsewhere): per step one vector load and one vector store.
   */
  void bulkCopy(Object src, long srcOffset, Object dst, long dstOffset, long bytes) {
    long steps = steps(bytes);
    intrinsic(steps, 2);
    if (!memoryModel || steps == 0) {
      return;
    }
    long s = addressOf(src) + srcOffset;
    long d = dst == null ? 0 : addressOf(dst) + dstOffset;
    for (long k = 0; k < steps; k++) {
      load(s + k * VECTOR_BYTES);
      if (dst != null) {
        store(d + k * VECTOR_BYTES);
      }
    }
  }

  /** A fill of {@code bytes} of {@code a} from {@code offset}: one vector store per step. */
  void bulkFill(Object a, long offset, long bytes) {
    long steps = steps(bytes);
    intrinsic(steps, 1);
    if (!memoryModel || steps == 0) {
      return;
    }
    long d = addressOf(a) + offset;
    for (long k = 0; k < steps; k++) {
      store(d + k * VECTOR_BYTES);
    }
  }

  /** A comparison of the first {@code bytes} of two arrays: two loads and a test per step. */
  void bulkCompare(Object a, Object b, long bytes) {
    long steps = steps(bytes);
    intrinsic(steps, 3);
    if (!memoryModel || steps == 0) {
      return;
    }
    long x = addressOf(a) + ObjectShapes.ARRAY_HEADER;
    long y = addressOf(b) + ObjectShapes.ARRAY_HEADER;
    for (long k = 0; k < steps; k++) {
      load(x + k * VECTOR_BYTES);
      load(y + k * VECTOR_BYTES);
    }
  }

  /** Instructions per 32-byte step of the models of {@link SimRuntime}'s JDK intrinsics. */
  static final int COPY_STEP = 2;
  static final int COMPARE_STEP = 3;
  static final int SEARCH_STEP = 4;
  static final int HASH_STEP = 4;
  static final int CHECKSUM_STEP = 4;
  static final int BASE64_STEP = 8;

  /**
   * A bulk intrinsic: {@code srcBytes} loaded from {@code src} (at an offset from the object's
   * start; null: off the heap, nothing modelled) and {@code dstBytes} of {@code dst} loaded
   * ({@code dstLoads}) or stored, {@code perStep} instructions per 32-byte step of the longer.
   */
  void bulk(Object src, long srcOffset, long srcBytes, Object dst, long dstOffset, long dstBytes,
      boolean dstLoads, int perStep) {
    long steps = steps(Math.max(srcBytes, dstBytes));
    intrinsic(steps, perStep);
    if (!memoryModel) {
      return;
    }
    if (src != null && srcBytes > 0) {
      long s = addressOf(src) + srcOffset;
      for (long k = 0; k < srcBytes; k += VECTOR_BYTES) {
        load(s + k);
      }
    }
    if (dst != null && dstBytes > 0) {
      long d = addressOf(dst) + dstOffset;
      for (long k = 0; k < dstBytes; k += VECTOR_BYTES) {
        if (dstLoads) {
          load(d + k);
        } else {
          store(d + k);
        }
      }
    }
  }

  // ---- guest events ----

  void pause() {
    long now = tscNow();
    pauses++;
    guest.pause(now);
  }

  private void closeSpin() {
    guest.closeSpin();
  }

  /** The thread blocks (park, sleep, wait); {@code timedNanos} > 0 arms a timer that long. */
  void blocks(long timedNanos) {
    guest.blocks(timedNanos > 0);
    if (timedNanos > 0) {
      idleTicks += (long) (timedNanos * profile.tscGhz());
    }
  }

  /** Whether {@code o} was allocated in this iteration ({@link SyntheticHeap#allocatedNow}). */
  boolean allocatedNow(Object o) {
    return heap.allocatedNow(o);
  }

  void ipi() {
    guest.ipis++;
  }

  /** This machine's thread starts {@code t}: an IPI, and {@code t} counts on a child machine. */
  void threadStarted(Thread t) {
    guest.ipis++;
    Machine r = root == null ? this : root;
    synchronized (r.children) {
      r.startedThreads.add(t);
    }
    Machine c = spawnChild();
    if (c != null) {
      c.owner = t;
      SimRuntime.register(c);
    }
  }

  /** A direct buffer of {@code bytes} was allocated and zeroed by the JDK. */
  void directAllocated(long bytes) {
    if (bytes >= profile.mmapThresholdBytes()) {
      long pages = (bytes + pageBytes - 1) / pageBytes;
      long a = heap.directPages(pages);
      for (long p = 0; p < pages; p++) {
        store(a + p * pageBytes);
      }
    }
  }

  /** A direct buffer of {@code bytes} was released; a munmap flushes the other CPUs' TLBs. */
  void directReleased(long bytes) {
    if (bytes < profile.mmapThresholdBytes()) {
      return;
    }
    Machine r = root == null ? this : root;
    int others = 0;
    synchronized (r.children) {
      for (Thread t : r.startedThreads) {
        if (t.isAlive() && t != Thread.currentThread()) {
          others++;
        }
      }
      if (root != null) {
        others++; // the root's own thread runs too
      }
    }
    guest.shootdowns += Math.min(others, profile.cpus() - 1);
  }

  // ---- results ----

  /** Cycles of this machine so far. */
  double cycles() {
    CpuProfile p = profile;
    MemoryHierarchy h = memory;
    return (instructions - inlined) * p.baseCpi()
        + (h.l1Misses() - h.l2Misses()) * (double) p.l2HitCycles()
        + (h.l2Misses() - h.llcMisses()) * (double) p.llcHitCycles()
        + h.llcMisses() * (double) p.memoryCycles()
        + (h.dtlbMisses() - h.stlbMisses()) * (double) p.stlbHitCycles()
        + h.stlbMisses() * (double) p.pageWalkCycles()
        + branchMisses * (double) p.branchMissCycles()
        + pauses * (double) p.pauseCycles();
  }

  long tscNow() {
    return tscBase + idleTicks + profile.ticks(cycles());
  }

  private long own(Counter c) {
    return switch (c) {
      case INSTRUCTIONS -> instructions;
      case BRANCHES -> branches;
      case BRANCH_MISSES -> branchMisses;
      case L1D_LOADS, DTLB_LOADS -> memory.loads();
      case L1D_LOAD_MISSES -> memory.l1Misses();
      case LLC_LOADS -> memory.l2Misses();
      case LLC_LOAD_MISSES -> memory.llcMisses();
      case DTLB_LOAD_MISSES -> memory.stlbMisses();
      case CYCLES -> Math.round(cycles());
      case ALLOC_BYTES -> heap.allocBytes();
      case PAGES_FIRST_TOUCHED -> heap.pagesFirstTouched();
      case PAUSES -> pauses;
    };
  }

  /** The total of {@code c} over this machine and its children, for the last iteration. */
  public long total(Counter c) {
    long sum = own(c);
    synchronized (children) {
      for (Machine m : children) {
        sum += m.own(c);
      }
    }
    return sum;
  }

  /** The guest activity of the last iteration, all threads together. */
  public GuestActivity guestActivity() {
    List<SpinEpisode> all = new ArrayList<>(guest.spins());
    long ipi = guest.ipis;
    long tlb = guest.shootdowns;
    long timers = guest.timerArms;
    long idle = guest.idleEntries;
    synchronized (children) {
      for (Machine m : children) {
        all.addAll(m.guest.spins());
        ipi += m.guest.ipis;
        tlb += m.guest.shootdowns;
        timers += m.guest.timerArms;
        idle += m.guest.idleEntries;
      }
    }
    all.sort(Comparator.comparingLong(SpinEpisode::startTsc));
    double runNs = total(Counter.CYCLES) / profile.coreGhz();
    return new GuestActivity(all, total(Counter.PAGES_FIRST_TOUCHED), ipi, tlb, timers, idle,
        0, 0, 0, runNs);
  }

  /** Number of child machines (threads counted besides the test thread) in the last iteration. */
  public int threadsCounted() {
    synchronized (children) {
      return children.size();
    }
  }
}
