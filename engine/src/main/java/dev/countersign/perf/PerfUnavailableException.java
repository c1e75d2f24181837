package dev.countersign.perf;

/**
 * An event that cannot be counted here, with the diagnosis: thrown while encoding or opening, and
 * turned into an {@link dev.countersign.results.UnavailableMetric} by the provider.
 */
final class PerfUnavailableException extends Exception {

  private final String error;
  private final String reason;
  private final String remedy;

  /**
   * @param error an errno name ({@code ENOENT}) or {@code BLIND}, {@code UNSUPPORTED}
   * @param reason what is wrong
   * @param remedy what to do about it
   */
  public PerfUnavailableException(String error, String reason, String remedy) {
    super(error + ": " + reason + " — " + remedy, null, false, false);
    this.error = error;
    this.reason = reason;
    this.remedy = remedy;
  }

  public String error() {
    return error;
  }

  public String reason() {
    return reason;
  }

  public String remedy() {
    return remedy;
  }
}
