package dev.countersign.runner;

import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.vmexit.GuestActivity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a workload: warm-up invocations, then measured invocations each bracketed by every probe,
 * then the derived metrics. Probes are closed on every path.
 */
public final class Runner {

  private final List<ProbeProvider> providers;
  private final List<MetricDeriver> derivers;

  public Runner(List<ProbeProvider> providers, List<MetricDeriver> derivers) {
    this.providers = List.copyOf(providers);
    this.derivers = List.copyOf(derivers);
  }

  /** A runner with the standard providers for the plan's mode. */
  public static Runner forMode(Mode mode) {
    return new Runner(ProbeProviders.chain(mode), ProbeProviders.derivers());
  }

  public Measurement run(RunPlan plan, Workload workload) throws Throwable {
    Map<String, EventSpec> wanted = new LinkedHashMap<>();
    for (EventSpec e : plan.events()) {
      wanted.put(e.qualifiedName(), e);
    }
    Map<MetricDeriver, List<EventSpec>> derivations = new LinkedHashMap<>();
    List<UnavailableMetric> unavailable = new ArrayList<>();
    for (EventSpec d : plan.derived()) {
      Optional<MetricDeriver> deriver = derivers.stream().filter(x -> x.derives(d)).findFirst();
      if (deriver.isPresent()) {
        derivations.computeIfAbsent(deriver.get(), k -> new ArrayList<>()).add(d);
      } else {
        unavailable.add(
            new UnavailableMetric(
                d.name(), dev.countersign.results.Source.MODEL, "UNSUPPORTED",
                "no model derives this metric", "check the metric name"));
      }
    }
    derivations.forEach(
        (deriver, derived) -> {
          for (EventSpec input : deriver.inputs(derived, plan.request().mode())) {
            wanted.putIfAbsent(input.qualifiedName(), input);
          }
        });

    List<Probe> probes = new ArrayList<>();
    try {
      Map<String, UnavailableMetric> why = openProbes(wanted, plan.request(), probes);
      unavailable.addAll(why.values());
      for (int i = 0; i < plan.warmup(); i++) {
        workload.invoke();
      }
      Measurement raw = measure(plan, workload, probes, unavailable);
      return derive(raw, derivations);
    } finally {
      for (Probe p : probes) {
        p.close();
      }
    }
  }

  private Map<String, UnavailableMetric> openProbes(
      Map<String, EventSpec> wanted, ProbeRequest request, List<Probe> probes) {
    Set<String> remaining = new LinkedHashSet<>(wanted.keySet());
    Map<String, UnavailableMetric> why = new LinkedHashMap<>();
    for (ProbeProvider provider : providers) {
      if (remaining.isEmpty()) {
        break;
      }
      List<EventSpec> ask = remaining.stream().map(wanted::get).toList();
      ProbeOffer offer = provider.open(ask, request);
      offer.probe().ifPresent(p -> {
        probes.add(p);
        for (ProbedMetric m : p.metrics()) {
          remaining.remove(m.name());
          why.remove(m.name());
        }
      });
      for (UnavailableMetric u : offer.unavailable()) {
        if (remaining.contains(u.name())) {
          why.merge(u.name(), u, Runner::combine);
        }
      }
    }
    for (String name : remaining) {
      why.putIfAbsent(
          name,
          new UnavailableMetric(
              name, dev.countersign.results.Source.KERNEL, "UNSUPPORTED",
              "no source in mode " + request.mode().id() + " can measure it",
              "run 'mvn countersign:doctor' to see what this machine can measure"));
    }
    return why;
  }

  /** Keeps every source's diagnosis: "pmu: ENOENT ...; sim: NO_AGENT ...". */
  private static UnavailableMetric combine(UnavailableMetric first, UnavailableMetric later) {
    return new UnavailableMetric(
        first.name(),
        later.source(),
        first.error(),
        first.source().id() + ": " + first.reason() + "; " + later.source().id() + ": " + later.error()
            + " " + later.reason(),
        later.remedy() == null || later.remedy().isEmpty() ? first.remedy()
            : first.remedy() + "; or " + later.remedy());
  }

  private static Measurement measure(
      RunPlan plan, Workload workload, List<Probe> probes, List<UnavailableMetric> unavailable)
      throws Throwable {
    int n = plan.iterations();
    int p = probes.size();
    double[][][] values = new double[p][][];
    double[][][] fractions = new double[p][][];
    double[][] scratchV = new double[p][];
    double[][] scratchF = new double[p][];
    for (int k = 0; k < p; k++) {
      int m = probes.get(k).metrics().size();
      values[k] = new double[m][n];
      fractions[k] = new double[m][n];
      scratchV[k] = new double[m];
      scratchF[k] = new double[m];
    }
    List<GuestActivity> guest = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        probes.get(k).begin();
      }
      Throwable failure = null;
      try {
        workload.invoke();
      } catch (Throwable t) {
        failure = t;
      }
      for (int k = p - 1; k >= 0; k--) {
        probes.get(k).end(scratchV[k], scratchF[k]);
      }
      if (failure != null) {
        throw failure;
      }
      GuestActivity merged = null;
      for (int k = 0; k < p; k++) {
        for (int m = 0; m < scratchV[k].length; m++) {
          values[k][m][i] = scratchV[k][m];
          fractions[k][m][i] = scratchF[k][m];
        }
        Optional<GuestActivity> g = probes.get(k).guestActivity();
        if (g.isPresent()) {
          merged = g.get();
        }
      }
      if (merged != null) {
        guest.add(merged);
      }
    }
    List<MetricSeries> series = new ArrayList<>();
    List<UnavailableMetric> missing = new ArrayList<>(unavailable);
    for (int k = 0; k < p; k++) {
      List<ProbedMetric> metrics = probes.get(k).metrics();
      for (int m = 0; m < metrics.size(); m++) {
        ProbedMetric pm = metrics.get(m);
        List<Double> perOp = new ArrayList<>(n);
        List<Double> frac = new ArrayList<>(n);
        int notCounted = 0;
        boolean hasFraction = false;
        for (int i = 0; i < n; i++) {
          double v = values[k][m][i];
          if (Double.isNaN(v)) {
            notCounted++;
          }
          perOp.add(v / plan.opsPerInvocation());
          double f = fractions[k][m][i];
          hasFraction |= !Double.isNaN(f);
          frac.add(Double.isNaN(f) ? 1.0 : f);
        }
        if (notCounted > 0) {
          missing.add(
              new UnavailableMetric(
                  pm.name(), pm.source(), "NOT_COUNTED",
                  "the counter was never scheduled onto the PMU, or could not be read, in "
                      + notCounted + " of " + n
                      + " iterations (too many events for the counters, or another user of the PMU)",
                  "measure fewer events at once, or stop other perf users (NMI watchdog:"
                      + " sysctl kernel.nmi_watchdog=0)"));
          continue;
        }
        series.add(new MetricSeries(pm.name(), pm.source(), pm.unit(), perOp,
            hasFraction ? frac : List.of(), List.of()));
      }
    }
    return new Measurement(plan.opsPerInvocation(), series, missing,
        guest.size() == n ? guest : List.of());
  }

  private static Measurement derive(
      Measurement raw, Map<MetricDeriver, List<EventSpec>> derivations) {
    if (derivations.isEmpty()) {
      return raw;
    }
    List<MetricSeries> metrics = new ArrayList<>(raw.metrics());
    List<UnavailableMetric> unavailable = new ArrayList<>(raw.unavailable());
    derivations.forEach(
        (deriver, derived) -> {
          MetricDeriver.Derivation d = deriver.derive(derived, raw);
          metrics.addAll(d.metrics());
          unavailable.addAll(d.unavailable());
        });
    return new Measurement(raw.opsPerInvocation(), metrics, unavailable, raw.guestActivity());
  }
}
