package dev.countersign.sim.agent;

/**
 * The data side of one simulated core: L1D, L2 and the LLC (set-associative, LRU, every level
 * filled on a miss), the two TLB levels and an L2 stream prefetcher, with the load and miss
 * counters perf's cache and TLB events map to. Loads are counted; stores update the caches and
 * TLBs but are not counted (as perf's {@code L1-dcache-loads} counts loads only).
 *
 * <p>A miss of both TLB levels is a page walk (Intel SDM Vol. 3A, section 4.10, "Caching
 * Translation Information": the STLB is the second level behind the DTLB; perf's {@code
 * dTLB-load-misses} counts walks on recent cores). The prefetcher follows the L2 streamer of the
 * Intel Optimization Reference Manual ("Data Prefetching"): two consecutive lines that missed L1D
 * fetch the next {@code prefetchDepth} lines into L2 and the LLC. Not thread-safe: one machine's
 * thread only.
 */
final class MemoryHierarchy {

  private final SetAssociativeCache l1;
  private final SetAssociativeCache l2;
  private final SetAssociativeCache llc;
  private final SetAssociativeCache dtlb;
  private final SetAssociativeCache stlb;
  /** log2 of the line size: synthetic addresses are positive, so a shift is the division. */
  private final int lineShift;
  private final int prefetchDepth;

  private long loads;
  private long l1Misses;
  private long l2Misses;
  private long llcMisses;
  private long dtlbMisses;
  private long stlbMisses;
  private long lastMissLine = -2;
  /** The line accessed last: MRU in L1D, its page MRU in the TLB, so a repeat changes nothing. */
  private long lastLine = -1;

  MemoryHierarchy(CoreModel core, CpuProfile profile) {
    this.l1 = core.l1;
    this.l2 = core.l2;
    this.llc = core.llc;
    this.dtlb = core.dtlb;
    this.stlb = core.stlb;
    this.lineShift = Integer.numberOfTrailingZeros(profile.l1d().lineBytes());
    this.prefetchDepth = profile.prefetchDepth();
  }

  /** An iteration's start: counters and last lines (the caches are emptied by {@link CoreModel}). */
  void reset() {
    loads = 0;
    l1Misses = 0;
    l2Misses = 0;
    llcMisses = 0;
    dtlbMisses = 0;
    stlbMisses = 0;
    lastMissLine = -2;
    lastLine = -1;
  }

  void load(long address) {
    loads++;
    long line = address >>> lineShift;
    if (line == lastLine) {
      return;
    }
    lastLine = line;
    translate(address);
    if (!l1.access(address)) {
      l1Misses++;
      boolean stream = line == lastMissLine + 1;
      lastMissLine = line;
      if (!l2.access(address)) {
        l2Misses++;
        if (!llc.access(address)) {
          llcMisses++;
        }
      }
      if (stream) {
        prefetch(line);
      }
    }
  }

  void store(long address) {
    long line = address >>> lineShift;
    if (line == lastLine) {
      return;
    }
    lastLine = line;
    dtlb.access(address);
    if (!l1.access(address) && !l2.access(address)) {
      llc.access(address);
    }
  }

  private void translate(long address) {
    if (!dtlb.access(address)) {
      dtlbMisses++;
      if (!stlb.access(address)) {
        stlbMisses++;
      }
    }
  }

  private void prefetch(long line) {
    for (int k = 1; k <= prefetchDepth; k++) {
      long a = (line + k) << lineShift;
      l2.access(a);
      llc.access(a);
    }
  }

  long loads() {
    return loads;
  }

  long l1Misses() {
    return l1Misses;
  }

  long l2Misses() {
    return l2Misses;
  }

  long llcMisses() {
    return llcMisses;
  }

  long dtlbMisses() {
    return dtlbMisses;
  }

  /** Page walks: loads that missed both TLB levels. */
  long stlbMisses() {
    return stlbMisses;
  }
}
