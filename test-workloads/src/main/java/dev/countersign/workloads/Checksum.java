package dev.countersign.workloads;

/**
 * CPU-bound workload: an FNV-1a hash over a byte array, one multiply per byte. The regressed twin
 * adds a sparse second pass over every 32nd byte — about 2.3% more instructions, the size of change a
 * wall-clock gate on a CI runner cannot see and a simulated instruction count can.
 */
public final class Checksum {

  private static final int OFFSET_BASIS = 0x811C9DC5;
  private static final int PRIME = 0x01000193;

  private final boolean regressed;

  public Checksum(boolean regressed) {
    this.regressed = regressed;
  }

  /** The FNV-1a hash of {@code data} (mixed further when regressed). */
  public int hash(byte[] data) {
    int h = OFFSET_BASIS;
    for (int i = 0; i < data.length; i++) {
      h ^= data[i] & 0xff;
      h *= PRIME;
    }
    if (regressed) {
      // the "harmless" extra pass: 9 weighted instructions per 32 bytes against 12 per byte
      for (int i = 0; i < data.length; i += 32) {
        h ^= data[i];
      }
    }
    return h;
  }
}
