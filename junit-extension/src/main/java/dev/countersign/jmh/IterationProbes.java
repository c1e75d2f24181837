package dev.countersign.jmh;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.MetricDeriver;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbeSet;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.runner.Runner;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The probes of one JMH benchmark run, bracketing whole iterations instead of single invocations:
 * opened through the same {@link ProbeProviders} chain as a {@code @PerfTest}, first provider that
 * measures an event wins, derived metrics (VM exits) computed by the same {@link MetricDeriver}s.
 */
final class IterationProbes implements AutoCloseable {

  private final ProbeSet set;
  private final double[][] values;
  private final double[][] fractions;

  IterationProbes(List<EventSpec> measured, List<EventSpec> derived, ProbeRequest request) {
    set = ProbeSet.open(measured, derived, request, ProbeProviders.chain(request.mode()),
        ProbeProviders.derivers());
    List<Probe> probes = set.probes();
    values = new double[probes.size()][];
    fractions = new double[probes.size()][];
    for (int k = 0; k < probes.size(); k++) {
      values[k] = new double[probes.get(k).metrics().size()];
      fractions[k] = new double[values[k].length];
    }
  }

  /** What could not be opened, with the diagnosis. */
  List<UnavailableMetric> unavailable() {
    return set.unavailable();
  }

  void begin() {
    set.begin();
  }

  /**
   * Stops counting and returns the iteration's values per op, derived metrics included, and
   * what could not be counted in this iteration.
   *
   * @param ops operations JMH performed in the iteration
   */
  Iteration end(long ops) {
    set.end(values, fractions);
    List<Probe> probes = set.probes();
    List<MetricSeries> series = new ArrayList<>();
    List<UnavailableMetric> missing = new ArrayList<>();
    List<ProbedMetric> disturbed = new ArrayList<>();
    GuestActivity guest = null;
    for (int k = 0; k < probes.size(); k++) {
      List<ProbedMetric> metrics = probes.get(k).metrics();
      List<UnavailableMetric> others = probes.get(k).disturbedLastSpan();
      for (int m = 0; m < metrics.size(); m++) {
        ProbedMetric pm = metrics.get(m);
        Optional<UnavailableMetric> d = others.stream()
            .filter(u -> u.name().equals(pm.name())).findFirst();
        if (d.isPresent()) {
          // the iteration's JVM-wide count is partly another thread's: JMH averages
          // iterations, so it is given as NaN, never as a number
          missing.add(d.get());
          disturbed.add(pm);
        } else if (Double.isNaN(values[k][m])) {
          missing.add(new UnavailableMetric(pm.name(), pm.source(), ErrorCode.NOT_COUNTED,
              "the counter was never scheduled in this iteration",
              "measure fewer events at once"));
        } else {
          series.add(new MetricSeries(pm.name(), pm.source(), pm.unit(),
              List.of(values[k][m] / ops), List.of(), List.of(), pm.kernel(), null,
              MetricSeries.affectedByInstrumentation(pm.source(), null)
                  ? Runner.codeOfThisJvm() : null, pm.costModel()));
        }
      }
      Optional<GuestActivity> g = probes.get(k).guestActivity();
      if (g.isPresent()) {
        guest = g.get();
      }
    }
    Measurement derived = set.derive(new Measurement(ops, series, missing,
        guest == null ? List.of() : List.of(guest)));
    return new Iteration(derived.metrics(), derived.unavailable(), disturbed);
  }

  /**
   * One iteration's values (one per op value per series), what was missing, and which of the
   * missing were disturbed by other threads (JVM-wide metrics; their reasons are in {@code
   * missing}).
   */
  record Iteration(List<MetricSeries> metrics, List<UnavailableMetric> missing,
      List<ProbedMetric> disturbed) {}

  @Override
  public void close() {
    set.close();
  }
}
