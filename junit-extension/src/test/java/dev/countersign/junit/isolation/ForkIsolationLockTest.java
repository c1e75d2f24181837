package dev.countersign.junit.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock between real JVMs: a second JVM ({@link LockHolderMain}) holds the file while this one
 * asks. A lock that did not exclude would let the waiting side through at once.
 */
class ForkIsolationLockTest {

  @TempDir Path dir;

  @Test
  void aPerfTestWaitsForATestOfAnotherJvm() throws Exception {
    Path file = dir.resolve("results").resolve(ForkIsolationListener.LOCK_FILE);
    List<String> log = new CopyOnWriteArrayList<>();
    try (Holder other = Holder.start(file, "shared");
        ForkIsolationLock lock = ForkIsolationLock.open(file, log::add)) {
      CountDownLatch acquired = inThreads(1, () -> lock.acquireExclusive("PerfTest.m()"));
      assertFalse(acquired.await(1, TimeUnit.SECONDS),
          "the exclusive lock was granted while another JVM held it shared");
      other.release();
      assertTrue(acquired.await(60, TimeUnit.SECONDS), "not granted after the other JVM released");
      lock.releaseExclusive();
      assertEquals(2, log.size(), log.toString());
      assertTrue(log.get(0).startsWith("PerfTest.m() waits for the tests running in other test"
          + " JVMs of this build"), log.get(0));
      assertTrue(log.get(1).matches("PerfTest\\.m\\(\\) waited [0-9.]+ s for the other test JVMs"),
          log.get(1));
    }
  }

  @Test
  void testsWaitWhileAPerfTestOfAnotherJvmMeasures() throws Exception {
    Path file = dir.resolve(ForkIsolationListener.LOCK_FILE);
    List<String> log = new CopyOnWriteArrayList<>();
    try (Holder other = Holder.start(file, "exclusive");
        ForkIsolationLock lock = ForkIsolationLock.open(file, log::add)) {
      // two tests of this JVM, side by side
      CountDownLatch acquired = inThreads(2, () -> lock.acquireShared("Test.t()"));
      assertFalse(acquired.await(1, TimeUnit.SECONDS),
          "a test started while another JVM's @PerfTest held the lock");
      other.release();
      assertTrue(acquired.await(60, TimeUnit.SECONDS), "the tests did not start after it ended");
      // one of the two waited for the file, the other for it inside this JVM: one wait is logged
      assertEquals(2, log.size(), log.toString());
      assertTrue(log.get(0).matches("Test\\.t\\(\\) waits while a @PerfTest of another test JVM"
          + " of this build measures"), log.get(0));
      lock.releaseShared();
      lock.releaseShared();
    }
  }

  @Test
  void testsOfOneJvmShareTheLockAndAPerfTestWaitsForThemAll() throws Exception {
    Path file = dir.resolve(ForkIsolationListener.LOCK_FILE);
    try (ForkIsolationLock lock = ForkIsolationLock.open(file, s -> { })) {
      lock.acquireShared("Test.a()");
      lock.acquireShared("Test.b()");
      CountDownLatch acquired = inThreads(1, () -> lock.acquireExclusive("PerfTest.m()"));
      lock.releaseShared();
      assertFalse(acquired.await(500, TimeUnit.MILLISECONDS), "granted while a test still ran");
      lock.releaseShared();
      assertTrue(acquired.await(60, TimeUnit.SECONDS));
      // held exclusively by this JVM: another JVM's test cannot start
      try (Holder other = Holder.start(file, "shared", false)) {
        assertFalse(other.heldWithin(1), "another JVM took the lock beside this JVM's @PerfTest");
        lock.releaseExclusive();
        assertTrue(other.heldWithin(60), "the other JVM never got the lock");
        other.release();
      }
    }
  }

  /** A lock request that may wait. */
  private interface Acquire {
    void run() throws InterruptedException;
  }

  /** Runs {@code acquire} in {@code n} new threads; the latch counts those it let through. */
  private static CountDownLatch inThreads(int n, Acquire acquire) {
    CountDownLatch acquired = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> {
        try {
          acquire.run();
          acquired.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.setDaemon(true);
      t.start();
    }
    return acquired;
  }

  /** The other JVM, holding or waiting for the lock; its stdout lines are read into a queue. */
  private static final class Holder implements AutoCloseable {

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Holder(Process process) {
      this.process = process;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
            process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("read failed: " + e);
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    static Holder start(Path file, String mode) throws Exception {
      return start(file, mode, true);
    }

    static Holder start(Path file, String mode, boolean waitUntilHeld) throws Exception {
      Holder h = new Holder(new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          LockHolderMain.class.getName(), file.toString(), mode)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start());
      if (waitUntilHeld) {
        assertTrue(h.heldWithin(60), "the other JVM did not take the lock");
      }
      return h;
    }

    /** Whether the other JVM says "held" within {@code seconds}. */
    boolean heldWithin(int seconds) throws InterruptedException {
      String line = lines.poll(seconds, TimeUnit.SECONDS);
      if (line != null && !line.equals("held")) {
        throw new AssertionError("the other JVM said: " + line);
      }
      return line != null;
    }

    void release() throws IOException {
      in.write("\n");
      in.flush();
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
