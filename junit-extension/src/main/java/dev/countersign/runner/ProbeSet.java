package dev.countersign.runner;

import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The probes and derivers of one measured workload, opened once: each event goes to the first
 * provider that can measure it here, the inputs derivers need are measured too, and every event
 * nobody can measure keeps the diagnosis of each source that tried. Used by the {@link Runner}
 * (a span is one invocation) and by the JMH profiler (a span is one iteration).
 */
public final class ProbeSet implements AutoCloseable {

  private final List<Probe> probes = new ArrayList<>();
  private final Map<MetricDeriver, List<EventSpec>> derivations = new LinkedHashMap<>();
  private final List<UnavailableMetric> unavailable = new ArrayList<>();

  private ProbeSet() {}

  /**
   * Opens probes for {@code events} and for the inputs of {@code derived}. Never throws for an
   * event that cannot be measured: see {@link #unavailable()}.
   */
  public static ProbeSet open(List<EventSpec> events, List<EventSpec> derived,
      ProbeRequest request, List<ProbeProvider> providers, List<MetricDeriver> derivers) {
    ProbeSet set = new ProbeSet();
    Map<String, EventSpec> wanted = new LinkedHashMap<>();
    events.forEach(e -> wanted.put(e.qualifiedName(), e));
    for (EventSpec d : derived) {
      Optional<MetricDeriver> deriver = derivers.stream().filter(x -> x.derives(d)).findFirst();
      if (deriver.isPresent()) {
        set.derivations.computeIfAbsent(deriver.get(), k -> new ArrayList<>()).add(d);
      } else {
        set.unavailable.add(new UnavailableMetric(d.name(), Source.MODEL, "UNSUPPORTED",
            "no model derives this metric", "check the metric name"));
      }
    }
    set.derivations.forEach((deriver, ds) -> deriver.inputs(ds, request.mode())
        .forEach(in -> wanted.putIfAbsent(in.qualifiedName(), in)));
    try {
      set.unavailable.addAll(set.openProbes(wanted, request, providers));
    } catch (RuntimeException | Error e) {
      set.close();
      throw e;
    }
    return set;
  }

  private List<UnavailableMetric> openProbes(
      Map<String, EventSpec> wanted, ProbeRequest request, List<ProbeProvider> providers) {
    Set<String> remaining = new LinkedHashSet<>(wanted.keySet());
    Map<String, UnavailableMetric> why = new LinkedHashMap<>();
    for (ProbeProvider provider : providers) {
      if (remaining.isEmpty()) {
        break;
      }
      ProbeOffer offer = provider.open(remaining.stream().map(wanted::get).toList(), request);
      offer.probe().ifPresent(p -> {
        probes.add(p);
        for (ProbedMetric m : p.metrics()) {
          remaining.remove(m.name());
          why.remove(m.name());
        }
      });
      for (UnavailableMetric u : offer.unavailable()) {
        if (remaining.contains(u.name())) {
          why.merge(u.name(), u, ProbeSet::combine);
        }
      }
    }
    for (String name : remaining) {
      why.putIfAbsent(name, new UnavailableMetric(name, Source.KERNEL, "UNSUPPORTED",
          "no source in mode " + request.mode().id() + " can measure it",
          "run 'mvn countersign:doctor' to see what this machine can measure"));
    }
    return List.copyOf(why.values());
  }

  /** Keeps every source's diagnosis: "pmu: ENOENT ...; sim: NO_AGENT ...". */
  private static UnavailableMetric combine(UnavailableMetric first, UnavailableMetric later) {
    return new UnavailableMetric(
        first.name(),
        later.source(),
        first.error(),
        first.source().id() + ": " + first.reason() + "; " + later.source().id() + ": "
            + later.error() + " " + later.reason(),
        later.remedy() == null || later.remedy().isEmpty() ? first.remedy()
            : first.remedy() + "; or " + later.remedy());
  }

  /** The open probes, in the order their metrics are reported. */
  public List<Probe> probes() {
    return probes;
  }

  /** What was asked for and cannot be measured or derived here, with the diagnosis. */
  public List<UnavailableMetric> unavailable() {
    return unavailable;
  }

  /** Starts a measured span: every probe, in order. */
  public void begin() {
    for (Probe p : probes) {
      p.begin();
    }
  }

  /**
   * Ends a measured span, probes in reverse order, so that each brackets the others' work as
   * tightly as it can.
   *
   * @param values per probe, one total per metric
   * @param fractions per probe, the fraction counted per metric
   */
  public void end(double[][] values, double[][] fractions) {
    for (int k = probes.size() - 1; k >= 0; k--) {
      probes.get(k).end(values[k], fractions[k]);
    }
  }

  /** Adds the derived metrics (and those that could not be derived) to a measurement. */
  public Measurement derive(Measurement raw) {
    if (derivations.isEmpty()) {
      return raw;
    }
    List<MetricSeries> metrics = new ArrayList<>(raw.metrics());
    List<UnavailableMetric> missing = new ArrayList<>(raw.unavailable());
    derivations.forEach((deriver, derived) -> {
      MetricDeriver.Derivation d = deriver.derive(derived, raw);
      metrics.addAll(d.metrics());
      missing.addAll(d.unavailable());
    });
    return new Measurement(raw.opsPerInvocation(), metrics, missing, raw.guestActivity());
  }

  /** Closes every probe; never throws. */
  @Override
  public void close() {
    for (Probe p : probes) {
      p.close();
    }
  }
}
