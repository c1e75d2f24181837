package sample;

/** Allocates kilobyte blocks, kept reachable in a ring so that escape analysis keeps them. */
public final class Blocks {

  /** Blocks allocated per block asked for: the regressed commit makes it 2. */
  static final int FACTOR = 1;

  private final byte[][] kept = new byte[64][];
  private int next;

  /** Allocates {@code n} blocks of 1,024 bytes (times FACTOR); returns the last one's length. */
  public int allocate(int n) {
    int length = 0;
    for (int i = 0; i < n * FACTOR; i++) {
      byte[] b = new byte[1024];
      kept[next] = b;
      next = (next + 1) % kept.length;
      length = b.length;
    }
    return length;
  }
}
