package dev.countersign.sim.agent;

/**
 * The modelled cost of one block of a JDK digest's compression intrinsic ({@code implCompress0}),
 * by algorithm: the block size and the instructions per 32-byte step, at the profile's base CPI
 * (0.5: 2 instructions per cycle). Measured with {@code NativeCostBenchmark} ({@code
 * NativeCostFiguresTest}, test-workloads) on OpenJDK 17.0.15, JIT-warmed, on an AMD EPYC (Zen 4,
 * SHA extensions) at 4.06 GHz: CPU time per 64-byte block MD5 76.8 ns (311 cycles), SHA-1 30.5
 * ns (124), SHA-256 32.6 ns (132), SHA-512 64.7 ns (262); a cycle per 64 bytes is an instruction
 * per 32 bytes. SHA-3 was not measured (an estimate: 200).
 *
 * @param blockBytes bytes per block
 * @param perStep instructions per 32 bytes
 */
record DigestCost(int blockBytes, int perStep) {

  private static final DigestCost SHA1 = new DigestCost(64, 124);
  private static final DigestCost SHA256 = new DigestCost(64, 132);
  private static final DigestCost SHA512 = new DigestCost(128, 262);
  private static final DigestCost MD5 = new DigestCost(64, 311);
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
