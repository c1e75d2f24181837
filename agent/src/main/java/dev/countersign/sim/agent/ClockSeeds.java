package dev.countersign.sim.agent;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Seeds a program takes from the clock, made the same in every JVM. A seed that differs in every
 * run makes the program hash, probe, sort and compare differently in every run, and so be counted
 * differently, though the work under test is the same. The agent points the one clock call that
 * makes each such seed at {@link #nanoTime()} or {@link #currentTimeMillis()}, which return 0; the
 * call keeps its weight, so no count moves for it. The seeds so fixed ({@link #RULES}):
 *
 * <ul>
 *   <li>{@code java.util.Random()}: the JDK xors {@code seedUniquifier()} with {@code
 *       System.nanoTime()} ({@code Random.<init>()}); with 0 the n-th unseeded {@code Random} of a
 *       JVM gets the JDK's own n-th {@code seedUniquifier} in every run (in a single-threaded
 *       program). What uses it: Byte Buddy's {@code RandomString} names of generated classes and
 *       fields (equalsverifier, Mockito), {@code Collections.shuffle(list)}, {@code Math.random()}.
 *   <li>Jackson's byte-input symbol table, {@code ByteQuadsCanonicalizer.createRoot()} (every
 *       {@code JsonFactory}: jackson-core 2.x and 3.x, and copies shaded into other packages), and
 *       its char-input one, {@code CharsToNameCanonicalizer.createRoot()} before jackson-core
 *       2.16: the hash seed of the field-name tables is {@code System.currentTimeMillis()}, so the
 *       slots a document's names land in — which lines of the table a parse touches, and which
 *       names collide — differ in every run.
 *   <li>Guava's {@code Hashing.goodFastHash} seed, {@code Hashing.GOOD_FAST_HASH_SEED} ({@code
 *       System.currentTimeMillis()} in {@code Hashing.<clinit>}).
 *   <li>{@code ThreadLocalRandom}'s seeder (both clocks in its {@code <clinit>}; each thread's
 *       seed is the seeder's next value when the thread first uses it), and {@code
 *       RandomSupport.initialSeed()}, the seed of an unseeded {@code SplittableRandom} and of the
 *       {@code java.util.random} generators — where their class is initialised after the agent
 *       started (the JDK itself does not use them before; another agent's {@code premain} might).
 * </ul>
 *
 * <p>Opt-out: system property {@value #CLOCK_PROPERTY}{@code =true} (the clock, as without the
 * agent). Not covered: {@code SecureRandom} (and so {@code UUID.randomUUID()}, temporary file
 * names), seeded by the operating system; other libraries' clock seeds.
 *
 * <p>Public only because instrumented classes call it; not an API.
 */
public final class ClockSeeds {

  /** System property: {@code true} takes every seed {@link ClockSeeds} fixes from the clock again. */
  public static final String CLOCK_PROPERTY = "countersign.sim.clockSeededRandom";

  private static final boolean CLOCK = Boolean.getBoolean(CLOCK_PROPERTY);

  /**
   * One seed: in a class whose internal name is {@code className} (or, when {@code suffix}, ends
   * with {@code "/" + className}: shaded copies), every call of {@code System.<clock>()} in a
   * method {@code method} (any descriptor) is pointed here.
   */
  record Rule(String className, boolean suffix, String method, String clock) {

    boolean applies(String owner, String name) {
      return name.equals(method)
          && (suffix ? owner.endsWith("/" + className) : owner.equals(className));
    }
  }

  static final List<Rule> RULES = List.of(
      new Rule("java/util/Random", false, "<init>", "nanoTime"),
      new Rule("sym/ByteQuadsCanonicalizer", true, "createRoot", "currentTimeMillis"),
      new Rule("sym/CharsToNameCanonicalizer", true, "createRoot", "currentTimeMillis"),
      new Rule("common/hash/Hashing", true, "<clinit>", "currentTimeMillis"),
      new Rule("java/util/concurrent/ThreadLocalRandom", false, "<clinit>", "currentTimeMillis"),
      new Rule("java/util/concurrent/ThreadLocalRandom", false, "<clinit>", "nanoTime"),
      new Rule("jdk/internal/util/random/RandomSupport", false, "initialSeed", "currentTimeMillis"),
      new Rule("jdk/internal/util/random/RandomSupport", false, "initialSeed", "nanoTime"));

  private ClockSeeds() {}

  /** What {@code Random()} xors its seed with: 0, or the clock when opted out. */
  public static long nanoTime() {
    return CLOCK ? System.nanoTime() : 0L;
  }

  /** A symbol table's or hash function's seed: 0, or the clock when opted out. */
  public static long currentTimeMillis() {
    return CLOCK ? System.currentTimeMillis() : 0L;
  }

  /** Points the seeding clock calls of {@code method} of {@code className} here (see {@link #RULES}). */
  static void rewrite(String className, MethodNode method) {
    for (Rule rule : RULES) {
      if (rule.applies(className, method.name)) {
        pointAtSeeds(method, rule.clock());
      }
    }
  }

  private static void pointAtSeeds(MethodNode method, String clock) {
    for (AbstractInsnNode n : method.instructions) {
      if (n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
          && m.owner.equals("java/lang/System") && m.name.equals(clock) && m.desc.equals("()J")) {
        m.owner = "dev/countersign/sim/agent/ClockSeeds";
      }
    }
  }
}
