package dev.countersign.workloads.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-element costs of the natives and intrinsics whose bytecode the simulator cannot see,
 * measured JIT-warmed on the JDK that runs it: the source of the per-block digest costs ({@code
 * DigestCost}) and the per-frame cost of {@code Throwable.fillInStackTrace} in the agent's cost
 * model (docs/simulator.md, "Per-element cost models"). The per-element figure is the difference
 * of two sizes divided by the difference of their element counts, so the fixed per-call cost
 * cancels out:
 *
 * <ul>
 *   <li>{@code digest}: one {@code MessageDigest.digest} of {@code kib} KiB, per algorithm;
 *       ns per 64-byte block = (t(64) − t(4)) / ((64 − 4) × 16);
 *   <li>{@code exception}: {@code new Exception()} at {@code depth} frames of recursion below the
 *       benchmark method; ns per frame = (t(160) − t(32)) / 128, less the same for {@code
 *       recursion} (the calls without the exception).
 *   <li>{@code clock}: {@value #CHAIN} dependent 64-bit squarings (3 cycles of latency each
 *       on Zen 4 and Golden Cove): the core clock, GHz = 3 × {@value #CHAIN} / t, which turns the
 *       nanoseconds above into cycles.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class NativeCostBenchmark {

  /** Digests of a size. */
  @State(Scope.Thread)
  public static class Digests {

    @Param({"MD5", "SHA-1", "SHA-256", "SHA-512"})
    public String algorithm;

    @Param({"4", "64"})
    public int kib;

    MessageDigest digest;
    byte[] data;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      digest = MessageDigest.getInstance(algorithm);
      data = new byte[kib * 1024];
      new Random(1).nextBytes(data);
    }
  }

  /** Exceptions created at a depth. */
  @State(Scope.Thread)
  public static class Frames {

    @Param({"32", "160"})
    public int depth;
  }

  static final int CHAIN = 1 << 20;

  /** Its odd start value (squares stay odd), a field so that the JIT cannot fold the chain. */
  public long seed = 0x2545F4914F6CDD1DL;

  @Benchmark
  public long clock() {
    long x = seed;
    for (int i = 0; i < CHAIN; i++) {
      x *= x; // a square: nothing to fold, one imul (3 cycles) after the other
    }
    return x;
  }

  @Benchmark
  public byte[] digest(Digests d) {
    return d.digest.digest(d.data);
  }

  @Benchmark
  public Throwable exception(Frames f) {
    return below(f.depth);
  }

  /** The recursion alone (no exception): subtracted from {@code exception}. */
  @Benchmark
  public Throwable recursion(Frames f) {
    return plainBelow(f.depth);
  }

  private static final Throwable NONE = new Exception("none");

  private static Throwable below(int depth) {
    return depth == 0 ? new Exception() : below(depth - 1);
  }

  private static Throwable plainBelow(int depth) {
    return depth == 0 ? NONE : plainBelow(depth - 1);
  }
}
