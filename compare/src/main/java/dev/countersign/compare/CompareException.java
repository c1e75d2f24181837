package dev.countersign.compare;

/** Why {@code countersign:compare} cannot run, in words that say what to do. */
public final class CompareException extends RuntimeException {

  public CompareException(String message) {
    super(message);
  }

  public CompareException(String message, Throwable cause) {
    super(message, cause);
  }
}
