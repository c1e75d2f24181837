package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventSpec;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.util.List;

/**
 * Whether each event can be counted here: opened for real (and closed again) through the same
 * provider the tests use, so the answer and its diagnosis are the ones a test would get.
 */
public final class CapabilityProbe {

  /** The three answers: counted, refused, or permitted but blind (would count 0). */
  public enum State {
    SUPPORTED,
    UNSUPPORTED,
    BLIND
  }

  /**
   * One event's status.
   *
   * @param name the event
   * @param source where its values come from
   * @param state the answer
   * @param diagnosis why not, when not supported (null when supported)
   * @param kernel when supported, whether kernel mode is counted (null otherwise)
   */
  public record EventStatus(String name, Source source, State state, UnavailableMetric diagnosis,
      KernelCounting kernel) {
    /**
     * "supported", "supported, user-mode only (...)", or "BLIND: reason — remedy", or "ENOENT:
     * ...".
     */
    public String describe() {
      if (state != State.SUPPORTED) {
        return diagnosis.describe();
      }
      return kernel == KernelCounting.EXCLUDED ? "supported, " + USER_MODE_ONLY : "supported";
    }
  }

  /** What a count without kernel mode leaves out, and how to include it. */
  static final String USER_MODE_ONLY = "user-mode only (what the thread does in the kernel, such"
      + " as page faults inside read(), is not counted; " + PerfAccess.enableKernelCommand()
      + " to count it)";

  private final PerfEventProbeProvider provider;

  public CapabilityProbe() {
    this(new PerfEventProbeProvider());
  }

  CapabilityProbe(PerfEventProbeProvider provider) {
    this.provider = provider;
  }

  /** Whether the kernel accepts {@code inherit} with group reads; empty if perf is unusable. */
  public java.util.Optional<Boolean> inheritWithGroupReads() {
    return provider.inheritWithGroupReads();
  }

  /** Opens {@code spec} alone and reports what happened; never throws for a refused event. */
  public EventStatus check(EventSpec spec) {
    ProbeOffer offer = provider.open(List.of(spec), new ProbeRequest(Mode.PERF, List.of()));
    if (offer.probe().isPresent()) {
      KernelCounting kernel = offer.probe().get().metrics().get(0).kernel();
      offer.probe().get().close();
      return new EventStatus(spec.qualifiedName(), Diagnoses.sourceOf(spec), State.SUPPORTED,
          null, kernel);
    }
    UnavailableMetric why = offer.unavailable().isEmpty()
        ? new UnavailableMetric(spec.qualifiedName(), Diagnoses.sourceOf(spec), ErrorCode.UNSUPPORTED,
            "not a perf_event_open event", "")
        : offer.unavailable().get(0);
    return new EventStatus(spec.qualifiedName(), why.source(),
        why.error() == ErrorCode.BLIND ? State.BLIND : State.UNSUPPORTED, why, null);
  }
}
