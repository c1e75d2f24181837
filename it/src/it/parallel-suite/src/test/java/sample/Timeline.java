package sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends "name start end" (System.nanoTime) to target/timeline.txt, for verify.groovy. */
final class Timeline {

  private static final Path FILE = Path.of("target", "timeline.txt");

  private Timeline() {}

  static synchronized void record(String name, long start, long end) {
    try {
      Files.writeString(FILE, name + " " + start + " " + end + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
