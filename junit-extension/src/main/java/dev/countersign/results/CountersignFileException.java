package dev.countersign.results;

import java.nio.file.Path;

/** A result, baseline or profile file that cannot be read or written, naming the file and why. */
public class CountersignFileException extends RuntimeException {

  private final transient Path file;

  public CountersignFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
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
