package simfixture;

/** Allocations that escape their method or do not, by C2's conditions (EscapeReachTest). */
public final class Escapes {

  private Escapes() {}

  static int[] kept;

  /** A constant-length array read and written at constant indexes only: does not escape. */
  public static int local(int a, int b) {
    int[] pair = new int[2];
    pair[0] = a;
    pair[1] = b;
    return pair[0] + pair[1] + pair.length;
  }

  /** Returned: escapes. */
  public static int[] returned() {
    return new int[2];
  }

  /** A length that is not a constant: not replaced. */
  public static int variableLength(int n) {
    int[] a = new int[n];
    return a.length;
  }

  /** A variable index: not replaced. */
  public static int variableIndex(int i) {
    int[] a = new int[4];
    a[i] = 1;
    return a[0];
  }

  /** Merged with another allocation at a phi: not replaced. */
  public static int merged(boolean which) {
    int[] a = which ? new int[1] : new int[1];
    return a[0];
  }

  /** Stored into a static: escapes. */
  public static void stored() {
    kept = new int[1];
  }

  /** Passed to a call: escapes (the callee is in another method). */
  public static int passed() {
    return java.util.Arrays.hashCode(new int[3]);
  }

  /** An object whose constructor is another class's code: unseen, taken as escaping. */
  public static int constructed() {
    StringBuilder b = new StringBuilder();
    return b.length();
  }
}
