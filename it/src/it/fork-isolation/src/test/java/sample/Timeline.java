package sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends "name pid start end" (System.nanoTime: CLOCK_MONOTONIC on Linux, one clock for every
 * JVM of the machine) to target/timeline.txt, which both test JVMs write, for verify.groovy.
 */
final class Timeline {

  private static final Path FILE = Path.of("target", "timeline.txt");

  private Timeline() {}

  static void record(String name, long start, long end) {
    String line = name + " " + ProcessHandle.current().pid() + " " + start + " " + end + "\n";
    try (FileChannel out = FileChannel.open(FILE, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND); FileLock ignored = out.lock()) {
      out.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Spins for {@code nanos}: work on a CPU, as a test that computes does. */
  static long spin(long nanos) {
    long end = System.nanoTime() + nanos;
    long x = 1;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1_000; i++) {
        x = x * 31 + i;
      }
    }
    return x;
  }
}
