package dev.countersign.runner;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventSpec;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.Samples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probes and derivers of one measured workload, opened once: each event goes to the first
 * provider that can measure it here, the inputs derivers need are measured too, and every event
 * nobody can measure keeps the diagnosis of each source that tried. Used by the {@link Runner}
 * (a span is one invocation) and by the JMH profiler (a span is one iteration).
 */
public final class ProbeSet implements AutoCloseable {

  private final List<Probe> probes = new ArrayList<>();
  private Derivations derivations;
  private final List<UnavailableMetric> unavailable = new ArrayList<>();
  /** Begin order of the probes, computed at the first span. */
  private int[] nesting;

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
    set.derivations = Derivations.of(derived, derivers);
    set.unavailable.addAll(set.derivations.unsupported());
    set.derivations.inputs(request.mode())
        .forEach(in -> wanted.putIfAbsent(in.qualifiedName(), in));
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
      why.putIfAbsent(name, new UnavailableMetric(name, Source.KERNEL, ErrorCode.UNSUPPORTED,
          "no source in mode " + request.mode().id() + " can measure it",
          "run 'mvn countersign:doctor' to see what this machine can measure"));
    }
    return List.copyOf(why.values());
  }

  /** Keeps every source's diagnosis: "pmu: ENOENT ...; sim: NO_AGENT ...". */
  static UnavailableMetric combine(UnavailableMetric first, UnavailableMetric later) {
    return new UnavailableMetric(
        first.name(),
        later.source(),
        first.error(),
        first.source().id() + ": " + first.reason() + "; " + later.source().id() + ": "
            + later.error().id() + " " + later.reason(),
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

  /**
   * Starts a measured span: every probe, those that {@linkplain Probe#countsHarnessWork() count
   * the harness's work} last, so that the others' reads fall outside their window.
   */
  public void begin() {
    int[] order = nesting();
    for (int i = 0; i < order.length; i++) {
      probes.get(order[i]).begin();
    }
  }

  /**
   * Ends a measured span, probes in the reverse order of {@link #begin()}, so that each brackets
   * the others' work as tightly as it can.
   *
   * @param values per probe (in the order of {@link #probes()}), one total per metric
   * @param fractions per probe, the fraction counted per metric
   */
  public void end(double[][] values, double[][] fractions) {
    int[] order = nesting();
    for (int i = order.length - 1; i >= 0; i--) {
      int k = order[i];
      probes.get(k).end(values[k], fractions[k]);
    }
  }

  /**
   * Measures the harness's floor: {@code spans} empty spans (begin, then end at once, the workload
   * not invoked), before the first measured invocation. The first half only warms the read path
   * (JNA or FFM, the syscalls' Java side), which is then compiled rather than interpreted; the
   * second half gives, per probe and metric, the median count of an empty span — the work of the
   * probes' own reads that falls inside the window of the probes that {@linkplain
   * Probe#countsHarnessWork() count the harness's work}. For every other probe it is 0.
   *
   * <p>Each span is bracketed as a measured invocation is: the other probes (the JVM probe) begin
   * before and end after the counting ones, all but the {@linkplain Probe#innermost() innermost}
   * (the simulator, which must see no span that is not an invocation), and {@linkplain
   * Probe#forgetSpans() forget} the spans afterwards. Their management calls between two spans
   * leave the counting probes' read path (kernel and Java) colder than back-to-back spans would: a
   * floor measured without them was short by 0.12 µs of {@code task-clock} per invocation here
   * (0.19 µs with the VM-exit causes' larger group), counted as the body's.
   *
   * @return per probe (in the order of {@link #probes()}), per metric, the floor of one span
   */
  public double[][] harnessFloor(int spans) {
    int p = probes.size();
    double[][] values = new double[p][];
    double[][] fractions = new double[p][];
    double[][][] kept = new double[p][][];
    int measured = spans / 2;
    for (int k = 0; k < p; k++) {
      int m = probes.get(k).metrics().size();
      values[k] = new double[m];
      fractions[k] = new double[m];
      kept[k] = new double[m][measured];
    }
    int[] order = nesting();
    int hot = 0;
    while (hot < order.length && !probes.get(order[hot]).countsHarnessWork()) {
      hot++;
    }
    int innermost = hot;
    while (innermost < order.length && probes.get(order[innermost]).countsHarnessWork()) {
      innermost++;
    }
    // without a counting probe there is no floor to measure, nor a read path to warm
    int outer = innermost > hot ? 0 : hot;
    for (int i = 0; i < spans && innermost > hot; i++) {
      for (int j = outer; j < innermost; j++) {
        probes.get(order[j]).begin();
      }
      for (int j = innermost - 1; j >= outer; j--) {
        probes.get(order[j]).end(values[order[j]], fractions[order[j]]);
      }
      int at = i - (spans - measured);
      if (at >= 0) {
        for (int j = hot; j < innermost; j++) {
          int k = order[j];
          for (int m = 0; m < values[k].length; m++) {
            kept[k][m][at] = values[k][m];
          }
        }
      }
    }
    for (int j = outer; j < hot; j++) {
      probes.get(order[j]).forgetSpans();
    }
    double[][] floor = new double[p][];
    for (int k = 0; k < p; k++) {
      floor[k] = new double[values[k].length];
      if (probes.get(k).countsHarnessWork()) {
        for (int m = 0; m < floor[k].length; m++) {
          double median = Samples.median(kept[k][m]);
          floor[k][m] = Double.isNaN(median) ? 0 : median;
        }
      }
    }
    return floor;
  }

  /**
   * Probe indices in begin order: stable, probes counting harness work after the others, the
   * {@linkplain Probe#innermost() innermost} last.
   */
  private int[] nesting() {
    if (nesting == null || nesting.length != probes.size()) {
      int[] order = new int[probes.size()];
      int next = 0;
      for (int pass = 0; pass < 3; pass++) {
        for (int k = 0; k < probes.size(); k++) {
          Probe probe = probes.get(k);
          int tier = probe.innermost() ? 2 : probe.countsHarnessWork() ? 1 : 0;
          if (tier == pass) {
            order[next++] = k;
          }
        }
      }
      nesting = order;
    }
    return nesting;
  }

  /** Adds the derived metrics (and those that could not be derived) to a measurement. */
  public Measurement derive(Measurement raw) {
    return derivations.derive(raw);
  }

  /** Closes every probe; never throws. */
  @Override
  public void close() {
    for (Probe p : probes) {
      p.close();
    }
  }
}
