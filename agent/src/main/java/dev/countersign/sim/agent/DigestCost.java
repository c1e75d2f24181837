package dev.countersign.sim.agent;

/**
 * The modelled cost of one block of a JDK digest's compression intrinsic ({@code implCompress0}),
 * by algorithm: the block size and the instructions per 32-byte step. Estimates of the x86-64
 * intrinsics on a core with the SHA extensions (SHA-1, SHA-256: {@code sha1rnds4}/{@code
 * sha256rnds2}, roughly 60 and 75 instructions per 32 bytes), and of the scalar/AVX2 ones for MD5
 * (about 260 per 32 bytes: 64 dependent steps per block) and SHA-512 / SHA-3 (about 400 / 200).
 *
 * @param blockBytes bytes per block
 * @param perStep instructions per 32 bytes
 */
record DigestCost(int blockBytes, int perStep) {

  private static final DigestCost SHA1 = new DigestCost(64, 60);
  private static final DigestCost SHA256 = new DigestCost(64, 75);
  private static final DigestCost SHA512 = new DigestCost(128, 400);
  private static final DigestCost MD5 = new DigestCost(64, 260);
  private static final DigestCost SHA3 = new DigestCost(136, 200);

  /** The cost for a digest of class {@code c} (a subclass of one of the JDK's providers). */
  static DigestCost of(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      switch (k.getName()) {
        case "sun.security.provider.SHA":
          return SHA1;
        case "sun.security.provider.SHA2":
          return SHA256;
        case "sun.security.provider.SHA5":
          return SHA512;
        case "sun.security.provider.MD5":
          return MD5;
        case "sun.security.provider.SHA3":
          return SHA3;
        default:
          break;
      }
    }
    return SHA256;
  }
}
