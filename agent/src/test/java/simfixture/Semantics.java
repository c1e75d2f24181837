package simfixture;

/** Operations whose results and exceptions must be the same instrumented or not. */
public final class Semantics {

  private Semantics() {}

  public static String run() {
    StringBuilder out = new StringBuilder();
    boolean[] flags = new boolean[2];
    flags[1] = true;
    byte[] bytes = {1, 2};
    bytes[0] = (byte) 300;
    char[] chars = new char[1];
    chars[0] = 'x';
    short[] shorts = new short[1];
    shorts[0] = (short) 70000;
    long[] longs = new long[1];
    longs[0] = Long.MIN_VALUE;
    double[] doubles = new double[1];
    doubles[0] = 0.5;
    float[] floats = new float[1];
    floats[0] = 1.5f;
    out.append(flags[1]).append(bytes[0]).append(chars[0]).append(shorts[0]).append(longs[0])
        .append(doubles[0]).append(floats[0]).append(';');
    int[] ints = new int[1];
    try {
      ints[1] = 5;
    } catch (ArrayIndexOutOfBoundsException e) {
      out.append("aioobe;");
    }
    Object[] strings = new String[1];
    try {
      strings[0] = Integer.valueOf(1);
    } catch (ArrayStoreException e) {
      out.append("ase;");
    }
    Workloads.Point p = null;
    try {
      out.append(p.x);
    } catch (NullPointerException e) {
      out.append("npe;");
    }
    int[] nothing = null;
    try {
      nothing[0] = 1;
    } catch (NullPointerException e) {
      out.append("npe2;");
    }
    Holder h = new Holder();
    h.wide = 1L << 40;
    h.narrow = 7;
    out.append(h.wide + h.narrow).append(';');
    int[][][] cube = new int[2][3][4];
    cube[1][2][3] = 9;
    out.append(cube[1][2][3]);
    return out.toString();
  }

  static final class Holder {
    long wide;
    int narrow;
  }
}
