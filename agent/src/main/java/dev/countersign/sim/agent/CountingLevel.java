package dev.countersign.sim.agent;

/**
 * How much of the simulator's instrumentation one method gets. Every method starts at {@link
 * #FULL}; one whose instrumented code would exceed the class file's 65,535-byte limit on a
 * method's code is instrumented again one level lower ({@link ClassInstrumenter}), each level
 * smaller than the one before, and the agent prints one warning line per such method naming the
 * level and what it leaves out.
 */
enum CountingLevel {

  /** Every probe: blocks, branch outcomes, memory accesses, allocations, intrinsics, guest events. */
  FULL("every probe"),
  /**
   * Blocks counted as in {@link #FULL} ({@code instructions}, {@code branches} and {@code cycles}'
   * JIT folds exact), allocations, intrinsics and guest events; no branch-outcome or
   * memory-access probes, so the method's branches are not predicted ({@code branch-misses}) and
   * its field and array accesses do not reach the cache model (loads, misses, {@code cycles}).
   */
  COUNTS("its blocks, allocations, intrinsics and guest events counted exactly; its branch"
      + " outcomes and field/array accesses not simulated (branch-misses, cache and TLB events"
      + " and cycles leave them out)"),
  /**
   * As {@link #COUNTS}, with a runtime call per block instead of counts kept in locals ({@link
   * LocalBlockCounts}'s direct mode, the same counts): no flushes before calls, no catch-all
   * handler.
   */
  COUNTS_DIRECT(COUNTS.effect + ", a runtime call per block"),
  /**
   * One charge when the method is entered, as if each of its instructions ran once (exact for
   * straight-line code, what methods this large nearly always are: generated tables); loops,
   * skipped branches and an exception part-way are not seen, and the method gets no other probe.
   */
  ENTRY("charged on entry as if each of its instructions ran once (exact only for code without"
      + " loops or skipped branches); no other probe"),
  /** Nothing: the method stays as it is on disk and its code is not counted at all. */
  NONE("not counted at all (even one probe on entry does not fit)");

  private final String effect;

  CountingLevel(String effect) {
    this.effect = effect;
  }

  /** What the level counts and leaves out, for the agent's warning line. */
  String effect() {
    return effect;
  }

  /** The next smaller instrumentation, or null after {@link #NONE}. */
  CountingLevel lower() {
    return this == NONE ? null : values()[ordinal() + 1];
  }

  /** Whether branch outcomes and field/array accesses get their probes. */
  boolean probesModels() {
    return this == FULL;
  }
}
