package dev.countersign.sim.agent;

/**
 * Shape of one set-associative cache or TLB level.
 *
 * @param sizeBytes capacity in bytes (for a TLB: entries × page size)
 * @param ways associativity
 * @param lineBytes line size in bytes (for a TLB: the page size it maps)
 */
public record CacheGeometry(long sizeBytes, int ways, int lineBytes) {

  public CacheGeometry {
    if (ways < 1 || lineBytes < 1 || Long.bitCount(lineBytes) != 1 || sizeBytes < (long) ways * lineBytes) {
      throw new IllegalArgumentException("invalid cache geometry: " + sizeBytes + " bytes, " + ways
          + " ways, " + lineBytes + "-byte lines (line size must be a power of two, size >= ways x line)");
    }
    long sets = sizeBytes / ((long) ways * lineBytes);
    if (Long.bitCount(sets) != 1 || sets * ways * lineBytes != sizeBytes) {
      throw new IllegalArgumentException("invalid cache geometry: " + sizeBytes + " bytes / (" + ways
          + " ways x " + lineBytes + " bytes) must be a power-of-two number of sets");
    }
  }

  /** A TLB of {@code entries} entries mapping {@code pageBytes} pages. */
  public static CacheGeometry tlb(int entries, int ways, int pageBytes) {
    return new CacheGeometry((long) entries * pageBytes, ways, pageBytes);
  }

  /** Number of sets. */
  public int sets() {
    return (int) (sizeBytes / ((long) ways * lineBytes));
  }
}
