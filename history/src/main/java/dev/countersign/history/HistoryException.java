package dev.countersign.history;

/** The history store cannot be opened, migrated, read or written; the message says why. */
public final class HistoryException extends Exception {

  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }

  public HistoryException(String message) {
    super(message);
  }
}
