package sample;

/**
 * A CPU-bound, single-threaded workload for the simulator: a MurmurHash3-style 32-bit hash over a
 * byte array, one 4-byte block per loop iteration (about 48 weighted instructions in the
 * simulator's table). The regressed twin mixes the block index into the state as well: one
 * {@code ixor} more per block, about 2% more instructions, a change far below what wall time on a
 * shared CI machine can show.
 *
 * <p>The rotations are written out rather than calling {@code Integer.rotateLeft}: the simulator
 * counts a JDK call as its call instruction only, and the point here is the loop's own work.
 */
public final class BlockHash {

  /** System property selecting the regressed twin ({@code true}/{@code false}). */
  public static final String REGRESSED_PROPERTY = "sample.regressed";

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private final boolean regressed;

  /** @param regressed whether to mix the block index in as well (the regressed twin) */
  public BlockHash(boolean regressed) {
    this.regressed = regressed;
  }

  /** The twin selected by the system property {@value #REGRESSED_PROPERTY}. */
  public static BlockHash fromSystemProperty() {
    return new BlockHash(Boolean.getBoolean(REGRESSED_PROPERTY));
  }

  /** The hash of {@code data}; its length must be a multiple of 4 (the tail is not hashed). */
  public int hash(byte[] data, int seed) {
    boolean mixIndex = regressed;
    int h = seed;
    int blocks = data.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff)
          | (data[i + 1] & 0xff) << 8
          | (data[i + 2] & 0xff) << 16
          | (data[i + 3] & 0xff) << 24;
      k *= C1;
      k = (k << 15) | (k >>> 17);
      k *= C2;
      h ^= k;
      h = (h << 13) | (h >>> 19);
      h = h * 5 + 0xe6546b64;
      if (mixIndex) {
        h ^= i; // the regression: one more instruction per block
      }
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
