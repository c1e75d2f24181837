package dev.countersign.results;

/**
 * A metric that was asked for but could not be measured here, with the diagnosis.
 *
 * @param name the metric name
 * @param source the source that was tried last ({@code pmu}, {@code tracepoint}, {@code sim}, ...)
 * @param error the machine-readable cause: an errno ({@link ErrorCode#ENOENT}, {@link
 *     ErrorCode#EACCES}) or one of Countersign's own ({@link ErrorCode#BLIND}, {@link
 *     ErrorCode#NO_AGENT}, ...)
 * @param reason what is wrong, in a sentence
 * @param remedy what the user can do about it
 */
public record UnavailableMetric(
    String name, Source source, ErrorCode error, String reason, String remedy) {

  /** The one-line diagnosis shown in tables. */
  public String describe() {
    return error.id() + ": " + reason + (remedy == null || remedy.isEmpty() ? "" : " — " + remedy);
  }
}
