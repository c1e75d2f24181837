package dev.countersign.sim.agent;

/**
 * The synthetic addresses of one machine's objects, as a TLAB would give them: allocations made
 * while counting are laid out one after another by a bump pointer in the machine's young region;
 * objects that existed before get an address on first access, in order of first access, in a
 * separate region; direct buffers at or above the mmap threshold get pages of a third region. It
 * also counts the allocated bytes and the heap pages touched for the first time (the high-water
 * mark of the young region survives {@link #reset()}: a JVM's heap pages stay mapped). Not
 * thread-safe: one machine's thread only.
 */
final class SyntheticHeap {

  /** Objects remembered per iteration at most; beyond, new objects get addresses lazily. */
  private static final int MAX_TRACKED_OBJECTS = 1 << 22;
  private static final long YOUNG_BASE = 0x1000_0000_0000L;
  private static final long OLD_BASE = 0x2000_0000_0000L;
  private static final long DIRECT_BASE = 0x3000_0000_0000L;
  private static final long REGION = 1L << 36;

  private final IdentityAddressMap addresses;
  private final int index;
  private final long pageBytes;
  private final TypeSizes sizes;

  private long allocBytes;
  private long pagesFirstTouched;
  private Object lastObject;
  private long lastAddress;
  private long youngTop;
  private long youngTouched;
  private long oldTop;
  private long directTop;

  /** @param index the machine's index among its root's (0: the root): its regions */
  SyntheticHeap(IdentityAddressMap addresses, int index, long pageBytes, TypeSizes sizes) {
    this.addresses = addresses;
    this.index = index;
    this.pageBytes = pageBytes;
    this.sizes = sizes;
  }

  /** An iteration's start: no bytes, bump pointers at their bases (the map: {@link CoreModel}). */
  void reset() {
    allocBytes = 0;
    pagesFirstTouched = 0;
    lastObject = null;
    lastAddress = 0;
    youngTop = YOUNG_BASE + index * REGION;
    oldTop = OLD_BASE + index * REGION;
    directTop = DIRECT_BASE + index * REGION;
  }

  /** Synthetic address of {@code o}; objects not allocated while counting get one on first use. */
  long addressOf(Object o) {
    if (o == lastObject) {
      return lastAddress;
    }
    long a = addresses.get(o);
    if (a < 0) {
      a = oldTop;
      oldTop += sizes.sizeOf(o);
      if (addresses.size() < MAX_TRACKED_OBJECTS) {
        addresses.put(o, a);
      }
    }
    lastObject = o;
    lastAddress = a;
    return a;
  }

  /**
   * An allocation of {@code size} bytes: counted, and its address returned; remembered for {@link
   * #addressOf} when {@code track} (the memory model is on).
   */
  long allocate(Object o, long size, boolean track) {
    allocBytes += size;
    long a = youngTop;
    youngTop += size;
    long used = youngTop - (YOUNG_BASE + index * REGION);
    while (used > youngTouched) {
      youngTouched += pageBytes;
      pagesFirstTouched++;
    }
    if (track) {
      if (addresses.size() < MAX_TRACKED_OBJECTS) {
        addresses.put(o, a);
      }
      lastObject = o;
      lastAddress = a;
    }
    return a;
  }

  /**
   * Whether {@code o} was allocated (and laid out) in this iteration: its identity hash, if it has
   * one, was made by {@link IdentityAddressMap}, not by the program ({@link IdentityHashes}).
   */
  boolean allocatedNow(Object o) {
    long a = addresses.get(o);
    return a >= YOUNG_BASE + index * REGION && a < youngTop;
  }

  /** {@code pages} pages of a direct buffer, touched for the first time; returns their address. */
  long directPages(long pages) {
    pagesFirstTouched += pages;
    long a = directTop;
    directTop += pages * pageBytes;
    return a;
  }

  long allocBytes() {
    return allocBytes;
  }

  long pagesFirstTouched() {
    return pagesFirstTouched;
  }
}
