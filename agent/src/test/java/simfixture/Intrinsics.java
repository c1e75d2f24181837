package simfixture;

import java.util.Arrays;

/** JDK calls the JIT turns into intrinsics, each alone in a method so its cost can be isolated. */
public final class Intrinsics {

  private Intrinsics() {}

  public static int[] cloneInts(int[] a) {
    return a.clone();
  }

  public static void copy(long[] src, long[] dst, int n) {
    System.arraycopy(src, 0, dst, 0, n);
  }

  public static void fillBytes(byte[] a, int from, int to) {
    Arrays.fill(a, from, to, (byte) 7);
  }

  public static void fillDoubles(double[] a) {
    Arrays.fill(a, 1.5);
  }

  public static boolean same(int[] a, int[] b) {
    return Arrays.equals(a, b);
  }

  /** Does nothing: the cost of the call and return alone. */
  public static void nothing(Object a) {
  }
}
