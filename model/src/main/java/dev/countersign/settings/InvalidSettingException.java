package dev.countersign.settings;

/** A {@code countersign.*} setting whose value cannot be used; the message names key, value and fix. */
public final class InvalidSettingException extends IllegalArgumentException {
  public InvalidSettingException(String message) {
    super(message);
  }
}
