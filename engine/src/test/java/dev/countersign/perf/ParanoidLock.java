package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code kernel.perf_event_paranoid} is one value for the whole machine: a test that sets it (to
 * run a child JVM unprivileged at level 2 or 3) changes what every other process sees, other
 * builds on this machine included. This lock, a file lock on {@value #LOCK} (an {@code fcntl}
 * lock: across processes) behind a read-write lock (across the threads of one JVM), serialises
 * them: a test that changes the value holds it exclusively for as long as the value is changed
 * ({@link #set}), a test whose outcome depends on the value ({@code DoctorTest}) holds it shared
 * ({@link Shared}). Before the value is changed the one it had is written to {@value #SAVED}, and
 * removed once restored: whoever takes the lock next and finds that file restores the value that a
 * JVM killed mid-change could not.
 */
final class ParanoidLock {

  static final Path LOCK = Path.of("/tmp/countersign-perf_event_paranoid.lock");
  static final Path SAVED = Path.of("/tmp/countersign-perf_event_paranoid.saved");

  // test-only, per JVM: a file lock cannot be taken twice by one JVM (OverlappingFileLockException)
  private static final ReentrantReadWriteLock LOCAL = new ReentrantReadWriteLock();
  private static int sharers;
  private static FileChannel channel;
  private static FileLock fileLock;

  private ParanoidLock() {}

  /** A held lock; closing it releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Holds the lock shared: no test changes the value meanwhile. */
  static Held shared() {
    LOCAL.readLock().lock();
    synchronized (ParanoidLock.class) {
      if (sharers++ == 0) {
        acquire(true);
      }
    }
    return () -> {
      synchronized (ParanoidLock.class) {
        if (--sharers == 0) {
          release();
        }
      }
      LOCAL.readLock().unlock();
    };
  }

  /**
   * Holds {@code perf_event_paranoid} at {@code level}: shared when it is that already (nothing is
   * changed, other readers go on), else {@link #set}.
   */
  static Held at(int level) {
    Held shared = shared();
    try {
      if (Files.readString(UnprivilegedJvm.PARANOID).strip().equals(Integer.toString(level))) {
        return shared;
      }
    } catch (IOException e) {
      shared.close();
      throw new UncheckedIOException(e);
    }
    shared.close();
    return set(level);
  }

  /**
   * Sets {@code perf_event_paranoid} to {@code level} while the lock is held exclusively; closing
   * restores the value it had (and checks it) and releases the lock.
   */
  static Held set(int level) {
    LOCAL.writeLock().lock();
    acquire(false);
    try {
      String saved = Files.readString(UnprivilegedJvm.PARANOID).strip();
      Files.writeString(SAVED, saved);
      Files.writeString(UnprivilegedJvm.PARANOID, Integer.toString(level));
      return () -> {
        try {
          Files.writeString(UnprivilegedJvm.PARANOID, saved);
          assertEquals(saved, Files.readString(UnprivilegedJvm.PARANOID).strip(),
              "perf_event_paranoid restored");
          Files.deleteIfExists(SAVED);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          release();
          LOCAL.writeLock().unlock();
        }
      };
    } catch (IOException | RuntimeException e) {
      release();
      LOCAL.writeLock().unlock();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static void acquire(boolean shared) {
    try {
      // a shared lock needs a channel open for reading only: a user other than root, who cannot
      // write root's lock file, still waits for root's changes
      channel = shared && Files.exists(LOCK) && !Files.isWritable(LOCK)
          ? FileChannel.open(LOCK, StandardOpenOption.READ)
          : FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      fileLock = channel.lock(0, Long.MAX_VALUE, shared);
      restoreAfterAKilledChanger();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + LOCK, e);
    }
  }

  /** A value saved by a JVM that changed it and died before restoring it: restored now. */
  private static void restoreAfterAKilledChanger() throws IOException {
    if (Files.exists(SAVED) && Files.isWritable(UnprivilegedJvm.PARANOID)) {
      String saved = Files.readString(SAVED).strip();
      if (saved.matches("-?\\d+")) {
        Files.writeString(UnprivilegedJvm.PARANOID, saved);
      }
      Files.deleteIfExists(SAVED);
    }
  }

  private static void release() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      fileLock = null;
      channel = null;
    }
  }

  /** For a test class whose outcome depends on the value: holds the lock shared around it. */
  static final class Shared implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(Shared.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      context.getStore(NS).put(Held.class, shared());
    }

    @Override
    public void afterAll(ExtensionContext context) {
      context.getStore(NS).remove(Held.class, Held.class).close();
    }
  }

  /** Entry point for a child JVM of ParanoidLockTest: sets the level, says so, then waits. */
  public static void main(String[] args) throws Exception {
    try (Held held = set(Integer.parseInt(args[0]))) {
      System.out.println("SET");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }
}
