package dev.countersign.sim.agent;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Seeds of {@code new java.util.Random()} that are the same in every JVM. The JDK seeds an
 * unseeded {@code Random} with {@code seedUniquifier() ^ System.nanoTime()} ({@code
 * Random.<init>()}): the clock differs in every run, so a program that names things at random —
 * Byte Buddy's {@code RandomString} suffixes of generated classes and fields (equalsverifier,
 * Mockito), {@code Collections.shuffle(list)}, {@code Math.random()} — hashes, sorts and compares
 * different strings in every JVM and is counted differently. The agent points that one {@code
 * nanoTime()} call at {@link #nanoTime()}, which returns 0, so the seeds are the JDK's own {@code
 * seedUniquifier} sequence: the n-th unseeded {@code Random} of a JVM gets the same seed in every
 * run (in a single-threaded program; threads creating them concurrently take them in any order).
 * The call keeps its weight, so no count moves for it.
 *
 * <p>Opt-out: system property {@value #CLOCK_PROPERTY}{@code =true} (the JVM's clock, as without
 * the agent). Not covered: {@code ThreadLocalRandom}, {@code SplittableRandom} and {@code
 * SecureRandom} (and so {@code UUID.randomUUID()}, temporary file names), seeded from the clock or
 * the operating system, often before the agent starts.
 *
 * <p>Public only because the instrumented {@code java.util.Random} calls it; not an API.
 */
public final class RandomSeeds {

  /** System property: {@code true} seeds unseeded {@code Random}s from the clock again. */
  public static final String CLOCK_PROPERTY = "countersign.sim.clockSeededRandom";

  private static final boolean CLOCK = Boolean.getBoolean(CLOCK_PROPERTY);

  private RandomSeeds() {}

  /** What {@code Random()} xors its seed with: 0, or the clock when opted out. */
  public static long nanoTime() {
    return CLOCK ? System.nanoTime() : 0L;
  }

  /** Points the seed's {@code System.nanoTime()} of {@code Random.<init>()} here. */
  static void rewrite(String className, MethodNode method) {
    if (!className.equals("java/util/Random") || !method.name.equals("<init>")
        || !method.desc.equals("()V")) {
      return;
    }
    for (AbstractInsnNode n : method.instructions) {
      if (n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
          && m.owner.equals("java/lang/System") && m.name.equals("nanoTime")
          && m.desc.equals("()J")) {
        m.owner = "dev/countersign/sim/agent/RandomSeeds";
      }
    }
  }
}
