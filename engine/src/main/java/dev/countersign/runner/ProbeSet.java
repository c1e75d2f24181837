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
  /** Indices of the probes in begin order ({@link #nesting()}), fixed once they are open. */
  private int[] nesting = new int[0];
  /** How many of {@link #nesting} a span begins: all, but for the floor's empty spans. */
  private int spanned;

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
      set.nesting = set.nesting();
      set.spanned = set.nesting.length;
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
    for (int i = 0; i < spanned; i++) {
      probes.get(nesting[i]).begin();
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
    for (int i = spanned - 1; i >= 0; i--) {
      int k = nesting[i];
      probes.get(k).end(values[k], fractions[k]);
    }
  }

  /** Forgets the spans so far in every probe: they were no measured invocations. */
  public void forgetSpans() {
    for (Probe p : probes) {
      p.forgetSpans();
    }
  }

  /**
   * Measures the harness's floor: {@code spans} empty spans ({@link #begin()}, then {@link #end} at
   * once, the workload not invoked), right before the measured invocations. The first half only
   * warms what the warm-up has not (after a warm-up the read path is compiled already); the
   * second half gives, per probe and metric, the median count of an empty span — the work of the
   * probes' own reads that falls inside the window of the probes that {@linkplain
   * Probe#countsHarnessWork() count the harness's work}. For every other probe it is 0.
   *
   * <p>The spans go through the very {@link #begin()} and {@link #end} of the measured
   * invocations, so that the floor is the cost of the code that runs inside their window in the
   * state the JIT left it in: a floor taken through a loop of its own measured a path that was
   * compiled at other times than the invocations' (commons-lang3's {@code StringUtils.split},
   * 19 batches of a plain pass: the floor fell from 860 to 540 ns and the invocations' bodies
   * from 800 to 640 ns as the two paths were compiled, in steps at batch boundaries). Every probe
   * is begun but the {@linkplain Probe#innermost() innermost} (the simulator, which must see no
   * span that is not an invocation); those that do not count the harness's work {@linkplain
   * Probe#forgetSpans() forget} the spans afterwards.
   *
   * @return per probe (in the order of {@link #probes()}), per metric, the floor of one span
   */
  public double[][] harnessFloor(int spans) {
    int p = probes.size();
    double[][] values = new double[p][];
    double[][] fractions = new double[p][];
    double[][][] kept = new double[p][][];
    int measured = spans / 2;
    List<Integer> counting = new ArrayList<>();
    int outside = 0;
    for (int k = 0; k < p; k++) {
      int m = probes.get(k).metrics().size();
      values[k] = new double[m];
      fractions[k] = new double[m];
      kept[k] = new double[m][measured];
      if (probes.get(k).countsHarnessWork() && !probes.get(k).innermost()) {
        counting.add(k);
      }
      if (probes.get(k).innermost()) {
        outside++;
      }
    }
    double[][] floor = new double[p][];
    for (int k = 0; k < p; k++) {
      floor[k] = new double[values[k].length];
    }
    // without a counting probe there is no floor to measure, nor a read path to warm
    if (counting.isEmpty()) {
      return floor;
    }
    spanned = nesting.length - outside;
    try {
      for (int i = 0; i < spans; i++) {
        begin();
        end(values, fractions);
        int at = i - (spans - measured);
        if (at >= 0) {
          for (int k : counting) {
            for (int m = 0; m < values[k].length; m++) {
              kept[k][m][at] = values[k][m];
            }
          }
        }
      }
    } finally {
      spanned = nesting.length;
    }
    forgetSpans();
    for (int k : counting) {
      for (int m = 0; m < floor[k].length; m++) {
        double median = Samples.median(kept[k][m]);
        floor[k][m] = Double.isNaN(median) ? 0 : median;
      }
    }
    return floor;
  }

  /**
   * Probe indices in begin order: stable, probes counting harness work after the others, the
   * {@linkplain Probe#innermost() innermost} last.
   */
  private int[] nesting() {
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
    return order;
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
