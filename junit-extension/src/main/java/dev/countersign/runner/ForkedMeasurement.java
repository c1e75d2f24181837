package dev.countersign.runner;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the measurements of several forked JVMs into one: the samples of a metric are
 * concatenated in fork order, each tagged with its fork index (1-based; 0 is the test JVM), so
 * that between-JVM variance is visible in the result.
 */
public final class ForkedMeasurement {

  private ForkedMeasurement() {}

  /**
   * @param forks one measurement per fork, in fork order
   */
  public static Measurement merge(List<Measurement> forks) {
    if (forks.isEmpty()) {
      throw new IllegalArgumentException("no fork measured anything");
    }
    Map<String, List<MetricSeries>> byMetric = new LinkedHashMap<>();
    Map<String, UnavailableMetric> unavailable = new LinkedHashMap<>();
    for (Measurement m : forks) {
      for (MetricSeries s : m.metrics()) {
        byMetric.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
      for (UnavailableMetric u : m.unavailable()) {
        unavailable.putIfAbsent(u.name(), u);
      }
    }
    List<MetricSeries> merged = new ArrayList<>();
    for (Map.Entry<String, List<MetricSeries>> e : byMetric.entrySet()) {
      List<MetricSeries> parts = e.getValue();
      Set<String> sources = new LinkedHashSet<>();
      parts.forEach(p -> sources.add(p.source().id()));
      if (unavailable.containsKey(e.getKey())) {
        continue; // unavailable in some fork: not a consistent series
      }
      if (parts.size() != forks.size() || sources.size() != 1) {
        MetricSeries first = parts.get(0);
        unavailable.put(e.getKey(), new UnavailableMetric(e.getKey(), first.source(),
            "INCONSISTENT_FORKS",
            "measured in " + parts.size() + " of " + forks.size() + " forks, by sources " + sources,
            "run 'mvn countersign:doctor'; all forks must measure the event the same way"));
        continue;
      }
      List<Double> values = new ArrayList<>();
      List<Double> fractions = new ArrayList<>();
      List<Integer> forkIndex = new ArrayList<>();
      boolean hasFractions = parts.stream().allMatch(p -> !p.fractionCounted().isEmpty());
      for (int f = 0; f < parts.size(); f++) {
        MetricSeries p = parts.get(f);
        values.addAll(p.perOp());
        if (hasFractions) {
          fractions.addAll(p.fractionCounted());
        }
        for (int i = 0; i < p.perOp().size(); i++) {
          forkIndex.add(f + 1);
        }
      }
      MetricSeries first = parts.get(0);
      merged.add(new MetricSeries(first.name(), first.source(), first.unit(), values, fractions,
          forkIndex));
    }
    List<dev.countersign.vmexit.GuestActivity> guest = new ArrayList<>();
    boolean allGuest = forks.stream().allMatch(m -> !m.guestActivity().isEmpty());
    if (allGuest) {
      forks.forEach(m -> guest.addAll(m.guestActivity()));
    }
    return new Measurement(forks.get(0).opsPerInvocation(), merged,
        List.copyOf(unavailable.values()), guest);
  }
}
