package dev.countersign.sim.agent;

/** The quantities a {@link Machine} counts; see {@link Machine#total(Counter)}. */
public enum Counter {
  /** Weighted retired instructions ({@link OpcodeWeights}). */
  INSTRUCTIONS,
  /** Conditional branches, switches, jumps, calls and returns retired. */
  BRANCHES,
  /** Conditional branches and switches the predictor got wrong. */
  BRANCH_MISSES,
  /** Array-element and field loads. */
  L1D_LOADS,
  /** Loads that missed L1D. */
  L1D_LOAD_MISSES,
  /** Loads that reached the LLC (missed L2). */
  LLC_LOADS,
  /** Loads that missed the LLC. */
  LLC_LOAD_MISSES,
  /** Loads looked up in the data TLB (= loads). */
  DTLB_LOADS,
  /** Loads that missed both TLB levels and walked the page table. */
  DTLB_LOAD_MISSES,
  /** Cycles of the cost model. */
  CYCLES,
  /** Bytes allocated by instrumented allocation sites. */
  ALLOC_BYTES,
  /** 4 KiB pages touched for the first time (synthetic heap and direct buffers). */
  PAGES_FIRST_TOUCHED,
  /** PAUSE instructions ({@code Thread.onSpinWait()}). */
  PAUSES;

  /**
   * The cost model this counter's values follow where it is not the bytecode as written, recorded
   * with every value so that values of another model are never compared with them: {@code cycles}
   * charges the JIT's inlining ({@value InlinePolicy#COST_MODEL}); null for the other counters.
   */
  public String costModel() {
    return this == CYCLES ? InlinePolicy.COST_MODEL : null;
  }
}
