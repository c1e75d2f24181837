package simfixture;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Instructions the agent instruments, each made to throw: the exception's type, message (the
 * helpful NPE message names the user's variable) and top frame must be the same instrumented.
 */
public final class Throwing {

  private Throwing() {}

  static final class Box {
    int value;
    long wide;
  }

  public static final String[] CASES = {
    "nullIntArrayStore", "nullLongArrayStore", "nullByteArrayStore", "nullRefArrayStore",
    "arrayStoreMismatch", "indexOutOfBoundsStore", "indexOutOfBoundsLongStore",
    "indexOutOfBoundsLoad", "nullArrayLoad", "nullFieldRead", "nullFieldWrite",
    "nullWideFieldWrite", "nullWait", "waitWithoutMonitor", "timedWaitWithoutMonitor",
    "notifyWithoutMonitor", "notifyAllOnNull", "startTwice", "negativeSleep", "badSleepNanos",
    "nullUnparkIsFine", "cleanSlice", "negativeDirect", "divideByZero", "arraycopyOutOfBounds",
    "arraycopyTypeMismatch", "fillBadRange", "cloneNull"
  };

  public static void nullIntArrayStore() {
    int[] counts = null;
    counts[3] = 7;
  }

  public static void nullLongArrayStore() {
    long[] totals = null;
    totals[1] = 1L;
  }

  public static void nullByteArrayStore() {
    byte[] bytes = null;
    bytes[0] = 1;
  }

  public static void nullRefArrayStore() {
    String[] names = null;
    names[0] = "x";
  }

  public static void arrayStoreMismatch() {
    Object[] strings = new String[2];
    strings[1] = Integer.valueOf(3);
  }

  public static void indexOutOfBoundsStore() {
    int[] counts = new int[2];
    counts[5] = 1;
  }

  public static void indexOutOfBoundsLongStore() {
    double[] d = new double[2];
    d[-1] = 1.0;
  }

  public static void indexOutOfBoundsLoad() {
    int[] counts = new int[2];
    System.out.print(counts[2]);
  }

  public static void nullArrayLoad() {
    char[] chars = null;
    System.out.print(chars[0]);
  }

  public static void nullFieldRead() {
    Box box = null;
    System.out.print(box.value);
  }

  public static void nullFieldWrite() {
    Box box = null;
    box.value = 3;
  }

  public static void nullWideFieldWrite() {
    Box box = null;
    box.wide = 3L;
  }

  public static void nullWait() throws InterruptedException {
    Object lock = null;
    lock.wait(5);
  }

  public static void waitWithoutMonitor() throws InterruptedException {
    Object lock = new Object();
    lock.wait();
  }

  public static void timedWaitWithoutMonitor() throws InterruptedException {
    Object lock = new Object();
    lock.wait(10, 5);
  }

  public static void notifyWithoutMonitor() {
    new Object().notify();
  }

  public static void notifyAllOnNull() {
    Object lock = null;
    lock.notifyAll();
  }

  public static void startTwice() throws InterruptedException {
    Thread t = new Thread(() -> { });
    t.start();
    t.join();
    t.start();
  }

  public static void negativeSleep() throws InterruptedException {
    Thread.sleep(-1);
  }

  public static void badSleepNanos() throws InterruptedException {
    Thread.sleep(0, 1_000_000);
  }

  public static void nullUnparkIsFine() {
    LockSupport.unpark(null);
  }

  @SuppressWarnings("removal")
  public static void cleanSlice() throws Exception {
    ByteBuffer b = ByteBuffer.allocateDirect(64).slice();
    Unsafes.UNSAFE.invokeCleaner(b);
  }

  public static void negativeDirect() {
    ByteBuffer.allocateDirect(-1);
  }

  public static void divideByZero() {
    int[] counts = {1, 0};
    counts[0] = counts[0] / counts[1];
  }

  public static void arraycopyOutOfBounds() {
    int[] from = new int[4];
    System.arraycopy(from, 2, new int[4], 0, 3);
  }

  public static void arraycopyTypeMismatch() {
    System.arraycopy(new int[4], 0, new long[4], 0, 1);
  }

  public static void fillBadRange() {
    java.util.Arrays.fill(new char[3], 2, 1, 'x');
  }

  public static void cloneNull() {
    int[] counts = null;
    System.out.print(counts.clone().length);
  }
}
