package dev.countersign.perf;

import dev.countersign.results.ErrorCode;

/**
 * An event that cannot be counted here, with the diagnosis: thrown while encoding or opening, and
 * turned into an {@link dev.countersign.results.UnavailableMetric} by the provider.
 */
final class PerfUnavailableException extends Exception {

  private final ErrorCode error;
  private final String reason;
  private final String remedy;

  /**
   * @param error the code: an errno ({@code ENOENT}, {@code EINVAL}) or {@code BLIND}, {@code
   *     UNSUPPORTED}
   * @param reason what is wrong
   * @param remedy what to do about it
   */
  public PerfUnavailableException(ErrorCode error, String reason, String remedy) {
    super(error.id() + ": " + reason + " — " + remedy, null, false, false);
    this.error = error;
    this.reason = reason;
    this.remedy = remedy;
  }

  public ErrorCode error() {
    return error;
  }

  public String reason() {
    return reason;
  }

  public String remedy() {
    return remedy;
  }
}
