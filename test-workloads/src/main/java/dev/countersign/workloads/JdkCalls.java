package dev.countersign.workloads;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Workloads whose work happens inside the JDK, each next to the hand-written version it replaces
 * (issue 13's cases): before the simulator counted JDK bytecode, the JDK side cost only its call
 * instruction, so moving work into the JDK read as an improvement.
 */
public final class JdkCalls {

  private JdkCalls() {}

  /** The sum by a hand loop. */
  public static long sumByLoop(int[] a) {
    long s = 0;
    for (int v : a) {
      s += v;
    }
    return s;
  }

  /** The same sum by a stream: the pipeline's work is JDK code. */
  public static long sumByStream(int[] a) {
    return Arrays.stream(a).asLongStream().sum();
  }

  /** A copy by a hand loop. */
  public static int[] copyByLoop(int[] a) {
    int[] c = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i];
    }
    return c;
  }

  /** The same copy by {@code clone()} (an intrinsic: the per-byte copy model). */
  public static int[] copyByClone(int[] a) {
    return a.clone();
  }

  /** SHA-256 of {@code data}, {@code times} times. */
  public static byte[] digest(byte[] data, int times) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] out = null;
      for (int i = 0; i < times; i++) {
        out = d.digest(data);
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Work whose path depends on identity hash codes (objects without a {@code hashCode} of their
   * own): an {@code IdentityHashMap}'s probing, a {@code HashSet}'s iteration order, the codes
   * printed in hex and by {@code Object.toString}. Deterministic only where the codes are.
   */
  public static long identityHashes(int n) {
    Object[] keys = new Object[n];
    java.util.IdentityHashMap<Object, Integer> index = new java.util.IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = new Object();
      index.put(keys[i], i);
    }
    long order = 0;
    for (Object k : new java.util.HashSet<>(Arrays.asList(keys))) {
      order = order * 31 + index.get(k);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      text.append(Integer.toHexString(System.identityHashCode(keys[i]))).append(keys[i]);
    }
    return order + text.length();
  }

  private static final String SYMBOLS =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /**
   * Work whose path depends on an unseeded {@code Random}, as a code generator's names do (Byte
   * Buddy suffixes the classes it generates with random letters): {@code n} random names in a
   * {@code HashMap}, whose collisions and iteration order follow the names' string hashes.
   * Deterministic only where the seed is (docs/simulator.md, "Random numbers and clock seeds").
   */
  public static long randomNames(int n) {
    java.util.Random random = new java.util.Random();
    java.util.Map<String, Integer> byName = new java.util.HashMap<>();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < n; i++) {
      name.setLength(0);
      name.append("Point$Generated$");
      for (int k = 0; k < 8; k++) {
        name.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
      }
      byName.put(name.toString(), i);
    }
    long order = 0;
    for (var e : byName.entrySet()) {
      order = order * 31 + e.getValue();
    }
    return order;
  }

  private static final ThreadLocal<StringBuilder> SCRATCH =
      ThreadLocal.withInitial(StringBuilder::new);
  private static final ThreadLocal<Integer> DEPTH = new ThreadLocal<>();

  /**
   * A thread's {@code ThreadLocal}s, as per-request code uses them: {@code n} times a scratch
   * buffer looked up and a context value set, read and removed (a new map entry each time). What
   * the map costs depends on every {@code ThreadLocal} of the JVM unless modelled
   * (docs/simulator.md, "ThreadLocal").
   */
  public static long threadLocals(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      StringBuilder b = SCRATCH.get();
      b.setLength(0);
      b.append(i);
      DEPTH.set(i);
      sum += b.length() + DEPTH.get();
      DEPTH.remove();
    }
    return sum;
  }
}
