package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.util.List;

/**
 * Gate for tests that count for real through {@code perf_event_open}. Where this machine refuses a
 * software event (a container without the syscall, {@code perf_event_paranoid} 3 on some distros)
 * such a test is skipped with the kernel's reason rather than failed; where the environment promises
 * the syscall ({@code COUNTERSIGN_REQUIRE_PERF=true}, which {@code .ci/run} sets) a refusal fails
 * the test instead, so CI can never pass by skipping the real-counting tests.
 */
public final class PerfAvailability {

  static final String REQUIRE_ENV = "COUNTERSIGN_REQUIRE_PERF";

  private PerfAvailability() {}

  /** Skips (or, where perf is required, fails) unless {@code events} all open for this thread. */
  public static void assumeOpens(String... events) {
    String refusal = refusal(List.of(events));
    if (refusal == null) {
      return;
    }
    if (Boolean.parseBoolean(System.getenv(REQUIRE_ENV))) {
      fail(REQUIRE_ENV + " is set, but perf_event_open refuses " + refusal);
    }
    assumeTrue(false, "perf_event_open refuses " + refusal);
  }

  /** What the kernel refuses of {@code events}, or null when every one opened. */
  public static String refusal(List<String> events) {
    ProbeOffer offer = new PerfEventProbeProvider().open(
        events.stream().map(EventCatalog::parse).toList(), new ProbeRequest(Mode.PERF, List.of()));
    offer.probe().ifPresent(Probe::close);
    return offer.unavailable().isEmpty() ? null : offer.unavailable().toString();
  }
}
