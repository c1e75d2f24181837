package sample;

/**
 * A workload whose allocation is known exactly: each block is a {@code byte[1024]} kept
 * reachable in a ring of slots, so escape analysis cannot remove it. The regressed twin allocates
 * two blocks per requested block: twice the bytes.
 */
public final class Allocator {

  /** System property selecting the regressed twin ({@code true}/{@code false}). */
  public static final String REGRESSED_PROPERTY = "sample.regressed";

  /** Bytes of one block's payload. */
  public static final int BLOCK_BYTES = 1024;

  private final byte[][] kept = new byte[64][];
  private final int factor;
  private int next;

  /** @param regressed whether to allocate twice as much per block */
  public Allocator(boolean regressed) {
    this.factor = regressed ? 2 : 1;
  }

  /** The twin selected by the system property {@value #REGRESSED_PROPERTY}. */
  public static Allocator fromSystemProperty() {
    return new Allocator(Boolean.getBoolean(REGRESSED_PROPERTY));
  }

  /** Allocates {@code blocks} blocks (twice as many when regressed); returns the last one's length. */
  public int allocate(int blocks) {
    int length = 0;
    for (int i = 0; i < blocks * factor; i++) {
      byte[] b = new byte[BLOCK_BYTES];
      kept[next] = b;
      next = (next + 1) % kept.length;
      length = b.length;
    }
    return length;
  }
}
