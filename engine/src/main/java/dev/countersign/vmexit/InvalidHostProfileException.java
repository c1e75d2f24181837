package dev.countersign.vmexit;

/**
 * A host profile that cannot be used: an unknown name, or a file with a missing or bad field. The
 * message names the file (when there is one), the field and what to do.
 */
public class InvalidHostProfileException extends IllegalArgumentException {

  private final String field;

  /** A bad field of a profile. */
  public InvalidHostProfileException(String field, String problem) {
    super("field '" + field + "' " + problem);
    this.field = field;
  }

  /** A whole-profile problem (unknown name, unreadable file), with {@code message} as given. */
  public InvalidHostProfileException(String message, Throwable cause) {
    super(message, cause);
    this.field = "";
  }

  /** The offending field, e.g. {@code ple.window}; empty when the problem is not one field. */
  public String field() {
    return field;
  }
}
