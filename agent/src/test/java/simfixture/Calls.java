package simfixture;

/**
 * Calls of a small and of a large method beside the same work written in the caller, for the
 * inlining model of cycles (InlinedCallCostTest).
 */
public final class Calls {

  private Calls() {}

  /** A value with a trivial accessor and a method too large for C2 to inline. */
  public static final class Point {
    int x;

    public Point(int x) {
      this.x = x;
    }

    public int x() {
      return x;
    }

    /** Well over FreqInlineSize (325 bytes): a tableswitch of 100 cases. */
    public int large() {
      return switch (x) {
      case 0 -> 3;
      case 1 -> 10;
      case 2 -> 17;
      case 3 -> 24;
      case 4 -> 31;
      case 5 -> 38;
      case 6 -> 45;
      case 7 -> 52;
      case 8 -> 59;
      case 9 -> 66;
      case 10 -> 73;
      case 11 -> 80;
      case 12 -> 87;
      case 13 -> 94;
      case 14 -> 101;
      case 15 -> 108;
      case 16 -> 115;
      case 17 -> 122;
      case 18 -> 129;
      case 19 -> 136;
      case 20 -> 143;
      case 21 -> 150;
      case 22 -> 157;
      case 23 -> 164;
      case 24 -> 171;
      case 25 -> 178;
      case 26 -> 185;
      case 27 -> 192;
      case 28 -> 199;
      case 29 -> 206;
      case 30 -> 213;
      case 31 -> 220;
      case 32 -> 227;
      case 33 -> 234;
      case 34 -> 241;
      case 35 -> 248;
      case 36 -> 255;
      case 37 -> 262;
      case 38 -> 269;
      case 39 -> 276;
      case 40 -> 283;
      case 41 -> 290;
      case 42 -> 297;
      case 43 -> 304;
      case 44 -> 311;
      case 45 -> 318;
      case 46 -> 325;
      case 47 -> 332;
      case 48 -> 339;
      case 49 -> 346;
      case 50 -> 353;
      case 51 -> 360;
      case 52 -> 367;
      case 53 -> 374;
      case 54 -> 381;
      case 55 -> 388;
      case 56 -> 395;
      case 57 -> 402;
      case 58 -> 409;
      case 59 -> 416;
      case 60 -> 423;
      case 61 -> 430;
      case 62 -> 437;
      case 63 -> 444;
      case 64 -> 451;
      case 65 -> 458;
      case 66 -> 465;
      case 67 -> 472;
      case 68 -> 479;
      case 69 -> 486;
      case 70 -> 493;
      case 71 -> 500;
      case 72 -> 507;
      case 73 -> 514;
      case 74 -> 521;
      case 75 -> 528;
      case 76 -> 535;
      case 77 -> 542;
      case 78 -> 549;
      case 79 -> 556;
      case 80 -> 563;
      case 81 -> 570;
      case 82 -> 577;
      case 83 -> 584;
      case 84 -> 591;
      case 85 -> 598;
      case 86 -> 605;
      case 87 -> 612;
      case 88 -> 619;
      case 89 -> 626;
      case 90 -> 633;
      case 91 -> 640;
      case 92 -> 647;
      case 93 -> 654;
      case 94 -> 661;
      case 95 -> 668;
      case 96 -> 675;
      case 97 -> 682;
      case 98 -> 689;
      case 99 -> 696;
      default -> x;
      };
    }
  }

  public static int readField(Point p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += p.x;
    }
    return s;
  }

  public static int callAccessor(Point p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += p.x();
    }
    return s;
  }

  public static int callLarge(Point p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += p.large();
    }
    return s;
  }

  private static int twice(int v) {
    return v + v;
  }

  public static int addTwice(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += i + i;
    }
    return s;
  }

  public static int callTwice(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += twice(i);
    }
    return s;
  }

  /** A non-capturing lambda, created outside the measured call (its indy is linked once). */
  public static java.util.function.IntUnaryOperator twiceLambda() {
    return x -> x + x;
  }

  public static int applyLambda(java.util.function.IntUnaryOperator f, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += f.applyAsInt(i);
    }
    return s;
  }

  public static int sumArray(int[] a) {
    int s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }
}
