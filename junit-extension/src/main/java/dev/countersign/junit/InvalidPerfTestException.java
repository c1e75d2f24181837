package dev.countersign.junit;

/** A {@code @PerfTest} whose annotations or {@code countersign.*} properties are invalid. */
public class InvalidPerfTestException extends RuntimeException {
  public InvalidPerfTestException(String message) {
    super(message);
  }
}
