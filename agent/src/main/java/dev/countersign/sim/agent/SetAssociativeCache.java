package dev.countersign.sim.agent;

import java.util.Arrays;

/**
 * A set-associative cache (or TLB) with true LRU replacement over synthetic addresses. The set is
 * the line address modulo the number of sets. Each set keeps its lines most recent first.
 */
final class SetAssociativeCache {

  private static final int EPOCH_SHIFT = 42;
  private static final long LINE_MASK = (1L << EPOCH_SHIFT) - 1;

  private final int ways;
  private final int setMask;
  private final int lineShift;
  private final long[] lines;
  /** Keys carry the epoch in their top bits: clearing is a new epoch, not a pass over the array. */
  private long epoch;

  SetAssociativeCache(CacheGeometry g) {
    this.ways = g.ways();
    this.setMask = g.sets() - 1;
    this.lineShift = Integer.numberOfTrailingZeros(g.lineBytes());
    this.lines = new long[g.sets() * ways];
  }

  /** Looks up the line holding {@code address}, filling it on a miss; true on a hit. */
  boolean access(long address) {
    long key = (((address >>> lineShift) + 1) & LINE_MASK) | epoch; // 0 marks an empty way
    int base = (int) ((address >>> lineShift) & setMask) * ways;
    long[] l = lines;
    if (l[base] == key) {
      return true;
    }
    for (int i = 1; i < ways; i++) {
      if (l[base + i] == key) {
        shift(l, base, i);
        l[base] = key;
        return true;
      }
    }
    shift(l, base, ways - 1);
    l[base] = key;
    return false;
  }

  /**
   * Moves ways 0..n-1 of the set at {@code base} one way down. A loop: n is below the
   * associativity, where System.arraycopy's call into the copy stub costs more than the copy.
   */
  private static void shift(long[] l, int base, int n) {
    for (int j = base + n; j > base; j--) {
      l[j] = l[j - 1];
    }
  }

  /**
   * Empties the cache. Entries of an older epoch never match, and every miss shifts the set's
   * oldest way out, so they behave exactly as empty ways.
   */
  void clear() {
    epoch += 1L << EPOCH_SHIFT;
    if (epoch == 0) { // wrapped after 2^22 clears: start over for real
      Arrays.fill(lines, 0L);
      epoch = 1L << EPOCH_SHIFT;
    }
  }
}
