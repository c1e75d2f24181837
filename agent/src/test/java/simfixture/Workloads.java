package simfixture;

import java.nio.ByteBuffer;

/**
 * Workloads with known behaviour for the simulator's tests. They are compiled as ordinary test
 * classes and loaded a second time, instrumented, by {@code InstrumentedLoader}.
 */
public final class Workloads {

  private Workloads() {}

  /** Exactly 5n + 5 weighted instructions (see the test). */
  public static int sum(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += i;
    }
    return s;
  }

  /**
   * The sum of {@code a[0..n)}: for {@code n > a.length} the loop's array load throws out of the
   * method right after its condition's block ended.
   */
  public static int sumFirst(int[] a, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  /** {@link #sumFirst} with a call in the loop and the exception caught in the method. */
  public static int sumFirstCaught(int[] a, int n) {
    int s = 0;
    try {
      for (int i = 0; i < n; i++) {
        s += Math.abs(a[i]);
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      s = -s;
    }
    return s;
  }

  /** One data-dependent branch per element. */
  public static int countAbove(int[] data, int threshold) {
    int count = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] >= threshold) {
        count++;
      }
    }
    return count;
  }

  public static long rowMajor(int[][] m) {
    long s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        s += m[i][j];
      }
    }
    return s;
  }

  public static long columnMajor(int[][] m) {
    long s = 0;
    int cols = m[0].length;
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < m.length; i++) {
        s += m[i][j];
      }
    }
    return s;
  }

  public static long scan(int[] a) {
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  public static int chase(int[] next, int steps) {
    int p = 0;
    for (int k = 0; k < steps; k++) {
      p = next[p];
    }
    return p;
  }

  /** Allocates n × (a 24-byte Point, a 96-byte long[10], a 24-byte byte[3]) = 144n bytes. */
  public static long allocate(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      Point p = new Point(i, i);
      long[] l = new long[10];
      byte[] b = new byte[3];
      sum += p.x + l.length + b.length;
    }
    return sum;
  }

  /** A mix of everything, for determinism. */
  public static long mixed(int n) {
    long s = 0;
    java.util.Random r = new java.util.Random(42);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt(1000);
    }
    Point[] ps = new Point[n / 4];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = new Point(a[i], a[(i * 7) % n]);
    }
    for (int i = 0; i < n; i++) {
      switch (a[i] % 4) {
        case 0 -> s += a[i];
        case 1 -> s -= ps[i % ps.length].x;
        case 2 -> s ^= ps[(a[i] * 31) % ps.length].y;
        default -> s += i;
      }
    }
    return s;
  }

  /**
   * Control flow JaCoCo probes in every way: switch cases that only break, fall through or share
   * a target, conditional edges into join points, early returns, a loop with continue.
   */
  public static long controlFlow(int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      int k = (i * 2654435761L) % 7 < 0 ? 0 : (int) ((i * 2654435761L) % 7);
      switch (k) {
        case 0:
          break;
        case 1:
        case 2:
          s += k;
          break;
        case 3:
          s ^= i;
          // fall through
        case 4:
          s += 3;
          break;
        case 100:
          continue;
        default:
          if (s > 1000 && (i & 1) == 0 || s < 0) {
            s -= 1000;
          }
      }
      if (i % 3 == 0) {
        continue;
      }
      s += sparse(i);
    }
    return s;
  }

  private static int sparse(int i) {
    switch (i & 0xff) {
      case 1:
        return 10;
      case 70:
        return 20;
      case 200:
        break;
      default:
        if (i > 5) {
          return i & 3;
        }
    }
    return 0;
  }

  public static void spin(int pauses) {
    for (int i = 0; i < pauses; i++) {
      Thread.onSpinWait();
    }
  }

  public static void sleepOnce() throws InterruptedException {
    Thread.sleep(1);
  }

  public static long directBuffer(int bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes);
    long c = b.capacity();
    Unsafes.UNSAFE.invokeCleaner(b);
    return c;
  }

  /** Starts a thread that runs until released, frees a direct buffer meanwhile, then joins. */
  public static long directBufferWhileAnotherThreadRuns(int bytes) throws InterruptedException {
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Thread t = new Thread(() -> {
      started.countDown();
      long spins = 0;
      while (!stop.get()) {
        spins++;
      }
    });
    t.start();
    started.await();
    long c = directBuffer(bytes);
    stop.set(true);
    t.join();
    return c;
  }

  /** Work on a thread started by the workload (counted into the same model). */
  public static long sumOnNewThread(int n) throws InterruptedException {
    long[] out = new long[1];
    Thread t = new Thread(() -> out[0] = sum(n));
    t.start();
    t.join();
    return out[0];
  }

  /**
   * One consumer blocked in {@code wait()}; the caller then notifies three times while holding
   * the monitor: only the first finds a blocked waiter (the consumer, notified, cannot re-acquire
   * the monitor before the caller leaves it). Returns the consumer's wake-ups (1).
   */
  public static int notifyThriceOneWaiter() throws InterruptedException {
    Object lock = new Object();
    int[] wakeUps = new int[1];
    boolean[] go = new boolean[1];
    Thread consumer = new Thread(() -> {
      synchronized (lock) {
        while (!go[0]) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
          wakeUps[0]++;
        }
      }
    });
    consumer.start();
    while (consumer.getState() != Thread.State.WAITING) {
      Thread.yield();
    }
    synchronized (lock) {
      go[0] = true;
      lock.notifyAll();
      lock.notifyAll();
      lock.notify();
    }
    while (consumer.isAlive()) {
      Thread.yield(); // so that the join does not block (a join's wait is a guest event too)
    }
    consumer.join();
    // nobody waits any more: neither is a wake-up
    synchronized (lock) {
      lock.notify();
      lock.notifyAll();
    }
    return wakeUps[0];
  }

  public static final class Point {
    public final int x;
    public final int y;

    public Point(int x, int y) {
      this.x = x;
      this.y = y;
    }
  }
}
