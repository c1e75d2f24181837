package dev.countersign.events;

/** A metric name that Countersign does not know, with the list of valid ones in the message. */
public class UnknownEventException extends IllegalArgumentException {
  public UnknownEventException(String message) {
    super(message);
  }
}
