package dev.countersign.junit.isolation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A readers-writer lock shared by the test JVMs of one build through one file: the tests of a JVM
 * hold it shared, a {@code @PerfTest} exclusively, so a {@code @PerfTest} never runs beside a test
 * of another JVM (Surefire's or Failsafe's {@code forkCount > 1}). Across JVMs it is an advisory
 * {@code fcntl} lock on the whole file ({@link FileChannel#lock(long, long, boolean)}); within the
 * JVM, where a file lock is held once per JVM and is not reentrant, a count of the tests holding it
 * shared decides when the file lock is taken and released.
 *
 * <p>Inside one JVM a {@code @PerfTest} already runs alone (JUnit's global resource lock), so the
 * count is 0 when it asks for the exclusive lock; it still waits for the count, so that it never
 * asks while this JVM holds the file shared.
 */
final class ForkIsolationLock implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final Consumer<String> log;
  private int sharedHolders;
  private boolean exclusive;
  private FileLock held;

  private ForkIsolationLock(Path file, FileChannel channel, Consumer<String> log) {
    this.file = file;
    this.channel = channel;
    this.log = log;
  }

  /** Opens (creating it and its folders if need be) the lock file; takes no lock yet. */
  static ForkIsolationLock open(Path file, Consumer<String> log) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new ForkIsolationLock(file, FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE), log); // a shared lock needs READ
  }

  /**
   * For a test that is not a {@code @PerfTest}: waits while a {@code @PerfTest} runs in any JVM of
   * the build. {@code test} names it in the line logged when it has to wait for another JVM.
   */
  synchronized void acquireShared(String test) throws InterruptedException {
    while (exclusive) {
      wait();
    }
    if (sharedHolders == 0) {
      held = lockFile(true, test);
    }
    sharedHolders++;
  }

  synchronized void releaseShared() {
    if (--sharedHolders == 0) {
      releaseFile();
    }
    notifyAll();
  }

  /**
   * For a {@code @PerfTest}: waits until no test of any JVM of the build runs, then holds the lock
   * until {@link #releaseExclusive()}. {@code test} names it in the line logged while it waits.
   */
  synchronized void acquireExclusive(String test) throws InterruptedException {
    while (exclusive || sharedHolders > 0) {
      wait();
    }
    exclusive = true;
    held = lockFile(false, test);
  }

  synchronized void releaseExclusive() {
    exclusive = false;
    releaseFile();
    notifyAll();
  }

  private FileLock lockFile(boolean shared, String test) {
    try {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock != null) {
        return lock;
      }
      long start = System.nanoTime();
      log.accept(shared
          ? test + " waits while a @PerfTest of another test JVM of this build measures"
          : test + " waits for the tests running in other test JVMs of this build"
              + " (forkCount > 1) to finish, so that it runs beside none of them (" + file + ")");
      lock = channel.lock(0, Long.MAX_VALUE, shared);
      log.accept(test + " waited %.1f s for the other test JVMs".formatted(
          (System.nanoTime() - start) / 1e9));
      return lock;
    } catch (OverlappingFileLockException nested) {
      // another launcher in this JVM (a test that runs tests) holds the file already: this JVM is
      // covered by its lock, and a second one cannot be taken here
      if (!shared) {
        log.accept(test + " runs in a nested JUnit launcher whose outer test holds " + file
            + ": tests of other test JVMs are not kept out while it measures");
      }
      return null;
    } catch (IOException e) {
      log.accept("cannot lock " + file + " (" + e + "): " + test + (shared
          ? " may run beside a @PerfTest of another test JVM of this build"
          : " may run beside tests of other test JVMs of this build")
          + "; with forkCount > 1, check that the results directory is writable");
      return null;
    }
  }

  private void releaseFile() {
    if (held == null) {
      return;
    }
    try {
      held.release();
    } catch (IOException e) {
      log.accept("cannot release " + file + ": " + e);
    } finally {
      held = null;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    releaseFile();
    channel.close();
  }
}
