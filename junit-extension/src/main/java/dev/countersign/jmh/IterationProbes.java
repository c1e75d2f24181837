package dev.countersign.jmh;

import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.MetricDeriver;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.vmexit.GuestActivity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The probes of one JMH benchmark run, bracketing whole iterations instead of single invocations:
 * opened through the same {@link ProbeProviders} chain as a {@code @PerfTest}, first provider that
 * measures an event wins, derived metrics (VM exits) computed by the same {@link MetricDeriver}s.
 */
final class IterationProbes implements AutoCloseable {

  private final List<Probe> probes = new ArrayList<>();
  private final List<UnavailableMetric> unavailable = new ArrayList<>();
  private final Map<MetricDeriver, List<EventSpec>> derivations = new LinkedHashMap<>();
  private final double[][] values;
  private final double[][] fractions;

  IterationProbes(List<EventSpec> measured, List<EventSpec> derived, ProbeRequest request) {
    Map<String, EventSpec> wanted = new LinkedHashMap<>();
    measured.forEach(e -> wanted.put(e.qualifiedName(), e));
    List<MetricDeriver> derivers = ProbeProviders.derivers();
    for (EventSpec d : derived) {
      Optional<MetricDeriver> deriver = derivers.stream().filter(x -> x.derives(d)).findFirst();
      if (deriver.isEmpty()) {
        unavailable.add(new UnavailableMetric(d.name(), dev.countersign.results.Source.MODEL,
            "UNSUPPORTED", "no model derives this metric", "check the metric name"));
      } else {
        derivations.computeIfAbsent(deriver.get(), k -> new ArrayList<>()).add(d);
      }
    }
    derivations.forEach((deriver, ds) -> deriver.inputs(ds, request.mode())
        .forEach(in -> wanted.putIfAbsent(in.qualifiedName(), in)));

    Set<String> remaining = new LinkedHashSet<>(wanted.keySet());
    Map<String, UnavailableMetric> why = new LinkedHashMap<>();
    for (ProbeProvider provider : ProbeProviders.chain(request.mode())) {
      if (remaining.isEmpty()) {
        break;
      }
      ProbeOffer offer = provider.open(remaining.stream().map(wanted::get).toList(), request);
      offer.probe().ifPresent(p -> {
        probes.add(p);
        p.metrics().forEach(m -> {
          remaining.remove(m.name());
          why.remove(m.name());
        });
      });
      for (UnavailableMetric u : offer.unavailable()) {
        if (remaining.contains(u.name())) {
          why.putIfAbsent(u.name(), u);
        }
      }
    }
    for (String name : remaining) {
      why.putIfAbsent(name, new UnavailableMetric(name, dev.countersign.results.Source.KERNEL,
          "UNSUPPORTED", "no source in mode " + request.mode().id() + " can measure it here",
          "run 'mvn countersign:doctor' to see what this machine can measure"));
    }
    unavailable.addAll(why.values());
    values = new double[probes.size()][];
    fractions = new double[probes.size()][];
    for (int k = 0; k < probes.size(); k++) {
      values[k] = new double[probes.get(k).metrics().size()];
      fractions[k] = new double[values[k].length];
    }
  }

  /** What could not be opened, with the diagnosis. */
  List<UnavailableMetric> unavailable() {
    return unavailable;
  }

  void begin() {
    for (Probe p : probes) {
      p.begin();
    }
  }

  /**
   * Stops counting and returns the iteration's values per op, derived metrics included, and
   * what could not be counted in this iteration.
   *
   * @param ops operations JMH performed in the iteration
   */
  Iteration end(long ops) {
    for (int k = probes.size() - 1; k >= 0; k--) {
      probes.get(k).end(values[k], fractions[k]);
    }
    List<MetricSeries> series = new ArrayList<>();
    List<UnavailableMetric> missing = new ArrayList<>();
    GuestActivity guest = null;
    for (int k = 0; k < probes.size(); k++) {
      List<ProbedMetric> metrics = probes.get(k).metrics();
      for (int m = 0; m < metrics.size(); m++) {
        ProbedMetric pm = metrics.get(m);
        if (Double.isNaN(values[k][m])) {
          missing.add(new UnavailableMetric(pm.name(), pm.source(), "NOT_COUNTED",
              "the counter was never scheduled in this iteration",
              "measure fewer events at once"));
        } else {
          series.add(new MetricSeries(pm.name(), pm.source(), pm.unit(),
              List.of(values[k][m] / ops)));
        }
      }
      Optional<GuestActivity> g = probes.get(k).guestActivity();
      if (g.isPresent()) {
        guest = g.get();
      }
    }
    Measurement raw = new Measurement(ops, series, missing,
        guest == null ? List.of() : List.of(guest));
    List<MetricSeries> all = new ArrayList<>(series);
    derivations.forEach((deriver, derived) -> {
      MetricDeriver.Derivation d = deriver.derive(derived, raw);
      all.addAll(d.metrics());
      missing.addAll(d.unavailable());
    });
    return new Iteration(all, missing);
  }

  /** One iteration's values (one per op value per series) and what was missing. */
  record Iteration(List<MetricSeries> metrics, List<UnavailableMetric> missing) {}

  @Override
  public void close() {
    for (Probe p : probes) {
      p.close();
    }
    probes.clear();
  }
}
