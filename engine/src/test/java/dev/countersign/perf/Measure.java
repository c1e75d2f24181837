package dev.countersign.perf;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Test helper: one measured invocation through a provider, by event name. */
final class Measure {

  /** Values by metric name, and the diagnoses of those unavailable. */
  record Outcome(Map<String, Double> values, Map<String, Double> fractions,
      Map<String, UnavailableMetric> unavailable) {
    double value(String name) {
      Double v = values.get(name);
      if (v == null) {
        throw new AssertionError(name + " was not measured: " + unavailable.get(name));
      }
      return v;
    }
  }

  interface Body {
    void run() throws Exception;
  }

  private Measure() {}

  static Outcome once(PerfEventProbeProvider provider, List<String> names, Body body)
      throws Exception {
    return once(provider, names, List.of(), body);
  }

  static Outcome once(PerfEventProbeProvider provider, List<String> names, List<Pattern> threads,
      Body body) throws Exception {
    List<EventSpec> specs = names.stream().map(EventCatalog::parse).toList();
    ProbeOffer offer = provider.open(specs, new ProbeRequest(Mode.PERF, threads));
    Map<String, UnavailableMetric> why = new LinkedHashMap<>();
    offer.unavailable().forEach(u -> why.put(u.name(), u));
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, Double> fractions = new LinkedHashMap<>();
    if (offer.probe().isEmpty()) {
      return new Outcome(values, fractions, why);
    }
    try (Probe probe = offer.probe().get()) {
      double[] v = new double[probe.metrics().size()];
      double[] f = new double[v.length];
      Arrays.fill(v, -1);
      probe.begin();
      try {
        body.run();
      } finally {
        probe.end(v, f);
      }
      for (int i = 0; i < v.length; i++) {
        values.put(probe.metrics().get(i).name(), v[i]);
        fractions.put(probe.metrics().get(i).name(), f[i]);
      }
    }
    return new Outcome(values, fractions, why);
  }
}
