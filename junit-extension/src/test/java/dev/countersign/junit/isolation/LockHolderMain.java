package dev.countersign.junit.isolation;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * A second JVM for {@link ForkIsolationLockTest}: takes the lock file shared or exclusively,
 * prints "held", releases it when a line arrives on stdin, prints "released" and exits.
 */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (ForkIsolationLock lock = ForkIsolationLock.open(Path.of(args[0]), System.err::println)) {
      boolean exclusive = args[1].equals("exclusive");
      if (exclusive) {
        lock.acquireExclusive("holder");
      } else {
        lock.acquireShared("holder");
      }
      System.out.println("held");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in)).readLine();
      if (exclusive) {
        lock.releaseExclusive();
      } else {
        lock.releaseShared();
      }
      System.out.println("released");
    }
  }
}
