package dev.countersign.runner;

import dev.countersign.results.ErrorCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Joins the measurements of successive batches of one test (sequential sampling). */
public final class Measurements {

  private Measurements() {}

  /**
   * The samples of {@code first} followed by those of {@code more}. A metric measured in only one
   * of them is dropped with its diagnosis kept, so that no series mixes batches unevenly; guest
   * activity is kept only when both batches have it for every iteration.
   */
  public static Measurement concat(Measurement first, Measurement more) {
    if (first.opsPerInvocation() != more.opsPerInvocation()) {
      throw new IllegalArgumentException("batches with different opsPerInvocation ("
          + first.opsPerInvocation() + ", " + more.opsPerInvocation() + ") cannot be joined");
    }
    List<MetricSeries> joined = new ArrayList<>();
    Map<String, UnavailableMetric> unavailable = new LinkedHashMap<>();
    for (UnavailableMetric u : first.unavailable()) {
      unavailable.putIfAbsent(u.name(), u);
    }
    for (UnavailableMetric u : more.unavailable()) {
      unavailable.putIfAbsent(u.name(), u);
    }
    for (MetricSeries a : first.metrics()) {
      Optional<MetricSeries> b = more.metrics().stream()
          .filter(m -> m.name().equals(a.name()) && m.source() == a.source()
              && m.kernel() == a.kernel() && m.feed() == a.feed() && m.code() == a.code())
          .findFirst();
      if (b.isEmpty()) {
        unavailable.putIfAbsent(a.name(), new UnavailableMetric(a.name(), a.source(),
            ErrorCode.INCOMPLETE, "measured in some batches of sequential sampling but not in all",
            "run without sequential sampling (-Dcountersign.maxTime=0) to see why"));
        continue;
      }
      joined.add(a.withSamples(join(a.perOp(), b.get().perOp()),
          a.fractionCounted().isEmpty() || b.get().fractionCounted().isEmpty() ? List.of()
              : join(a.fractionCounted(), b.get().fractionCounted()),
          a.fork().isEmpty() || b.get().fork().isEmpty() ? List.of()
              : join(a.fork(), b.get().fork())));
    }
    boolean guest = !first.guestActivity().isEmpty() && !more.guestActivity().isEmpty();
    return new Measurement(first.opsPerInvocation(), joined,
        new ArrayList<>(unavailable.values()),
        guest ? join(first.guestActivity(), more.guestActivity()) : List.of());
  }

  /**
   * The metrics of a test's two passes side by side: those {@code plain} measured (in a JVM
   * without the simulator's agent) and those {@code simulated} measured of what was left; guest
   * activity from {@code simulated}. A metric neither measured keeps the plain pass's diagnosis,
   * followed by the simulator's when the simulator tried it too.
   *
   * @throws IllegalArgumentException when the two do not divide by the same opsPerInvocation
   */
  public static Measurement beside(Measurement plain, Measurement simulated) {
    if (plain.opsPerInvocation() != simulated.opsPerInvocation()) {
      throw new IllegalArgumentException("passes with different opsPerInvocation ("
          + plain.opsPerInvocation() + ", " + simulated.opsPerInvocation() + ") cannot be joined");
    }
    List<MetricSeries> metrics = new ArrayList<>(plain.metrics());
    metrics.addAll(simulated.metrics());
    Map<String, UnavailableMetric> unavailable = new LinkedHashMap<>();
    for (UnavailableMetric u : plain.unavailable()) {
      if (simulated.metric(u.name()).isEmpty()) {
        unavailable.putIfAbsent(u.name(), u);
      }
    }
    for (UnavailableMetric u : simulated.unavailable()) {
      if (plain.metric(u.name()).isPresent()) {
        continue;
      }
      UnavailableMetric first = unavailable.get(u.name());
      if (first == null) {
        unavailable.put(u.name(), u);
      } else if (u.source() == Source.SIM) {
        unavailable.put(u.name(), ProbeSet.combine(first, u));
      }
    }
    return new Measurement(plain.opsPerInvocation(), metrics,
        new ArrayList<>(unavailable.values()), simulated.guestActivity());
  }

  private static <T> List<T> join(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
