package dev.countersign.results;

import java.nio.file.Path;

/** A result, baseline or profile file that cannot be read or written, naming the file and why. */
public class CountersignFileException extends RuntimeException {

  private final transient Path file;

  public CountersignFileException(Path file, String problem, Throwable cause) {
    // names and values from files end up here; the message goes to the build log
    super(Printable.of(file + ": " + problem), cause);
    this.file = file;
  }

  public CountersignFileException(Path file, String problem) {
    this(file, problem, null);
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }
}
