package dev.countersign.results;

/**
 * A metric that was asked for but could not be measured here, with the diagnosis.
 *
 * @param name the metric name
 * @param source the source that was tried last ({@code pmu}, {@code tracepoint}, {@code sim}, ...)
 * @param error short machine-readable cause: an errno name ({@code ENOENT}, {@code EACCES}), or
 *     {@code NOT_COUNTED}, {@code BLIND}, {@code NO_AGENT}, {@code UNSUPPORTED}
 * @param reason what is wrong, in a sentence
 * @param remedy what the user can do about it
 */
public record UnavailableMetric(
    String name, Source source, String error, String reason, String remedy) {

  /** The one-line diagnosis shown in tables. */
  public String describe() {
    return error + ": " + reason + (remedy == null || remedy.isEmpty() ? "" : " — " + remedy);
  }
}
