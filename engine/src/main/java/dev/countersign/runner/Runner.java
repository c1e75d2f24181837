package dev.countersign.runner;

import dev.countersign.results.ErrorCode;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.sim.agent.SimRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a workload: warm-up invocations (bracketed only by the probes that {@linkplain
 * Probe#warmsUpWithWorkload() warm up with it}), then, in a plan that settles and where no probe
 * warms up, {@link #SETTLE_INVOCATIONS} unmeasured ones bracketed by every probe, then measured
 * invocations each bracketed by every probe, then the derived metrics. Probes are closed on every
 * path.
 */
public final class Runner {

  private final List<ProbeProvider> providers;
  private final List<MetricDeriver> derivers;

  public Runner(List<ProbeProvider> providers, List<MetricDeriver> derivers) {
    this.providers = List.copyOf(providers);
    this.derivers = List.copyOf(derivers);
  }

  /**
   * A runner for a test's plain pass, in a JVM without the simulator's agent: the kernel and the
   * JVM ({@code perf} mode's providers), no derivations (the instrumented JVM derives from both
   * passes).
   */
  public static Runner plain(dev.countersign.settings.Settings settings) {
    return new Runner(ProbeProviders.chain(Mode.PERF, settings), List.of());
  }

  /** A runner for what a plain pass left to the simulator, without derivations. */
  public static Runner simulatorOnly(dev.countersign.settings.Settings settings) {
    return new Runner(ProbeProviders.simulatorOnly(settings), List.of());
  }

  /**
   * The code this JVM measures: instrumented when the simulator's agent is attached and on
   * (it then instruments the classes it loads), else plain.
   */
  public static MeasuredCode codeOfThisJvm() {
    return SimRuntime.installed() ? MeasuredCode.INSTRUMENTED : MeasuredCode.PLAIN;
  }

  /** A runner with the standard providers for the plan's mode. */
  public static Runner forMode(Mode mode) {
    return forMode(mode, dev.countersign.settings.Settings.systemProperties());
  }

  /** A runner with the standard providers for the plan's mode, configured by {@code settings}. */
  public static Runner forMode(Mode mode, dev.countersign.settings.Settings settings) {
    return new Runner(ProbeProviders.chain(mode, settings), ProbeProviders.derivers(settings));
  }

  /**
   * Empty spans measured before a run ({@link ProbeSet#harnessFloor}): the first half lets the JIT
   * compile the probes' read path (C1 compiles a method after about 200 calls, C2 after some
   * thousands), the second half gives the floor subtracted from every invocation. Some ms (the
   * spans include the other probes' reads, as invocations do).
   */
  static final int FLOOR_SPANS = 3_000;

  public Measurement run(RunPlan plan, Workload workload) throws Throwable {
    try (ProbeSet set = ProbeSet.open(plan.events(), plan.derived(), plan.request(), providers,
        derivers)) {
      double[][] floor = set.harnessFloor(FLOOR_SPANS);
      warmUp(plan, workload, set.probes());
      return set.derive(measure(plan, workload, set, floor));
    }
  }

  /**
   * The warm-up invocations, bracketed by the probes that warm up with the workload: the planned
   * count, then, with a warm-up time, until the JIT is idle ({@link SteadyWarmup}).
   */
  private static void warmUp(RunPlan plan, Workload workload, List<Probe> all) throws Throwable {
    List<Probe> probes = all.stream().filter(Probe::warmsUpWithWorkload).toList();
    double[][] values = new double[probes.size()][];
    double[][] fractions = new double[probes.size()][];
    for (int k = 0; k < probes.size(); k++) {
      values[k] = new double[probes.get(k).metrics().size()];
      fractions[k] = new double[values[k].length];
    }
    SteadyWarmup steady = SteadyWarmup.start(plan.warmupSeconds());
    for (int i = 0; i < plan.warmup() || steady.goOn(); i++) {
      probes.forEach(Probe::begin);
      try {
        workload.invoke();
      } finally {
        for (int k = probes.size() - 1; k >= 0; k--) {
          probes.get(k).end(values[k], fractions[k]);
        }
      }
    }
  }

  /**
   * Invocations run by the measuring loop itself before the measured ones, their values discarded
   * ({@link Probe#forgetSpans}), in a plan that {@linkplain RunPlan#settles() settles} (by default
   * one that warms up by time: a test that measures time) where no probe {@linkplain
   * Probe#warmsUpWithWorkload() warms up with the workload}. Without them the first measured
   * invocations of a run were the first to run between the probes' reads and from this loop's
   * call sites (resolved on first execution), and took 2–8× as long as the rest on a µs-long
   * test: every batch began with outliers, which the Mann–Kendall check can read as a downward
   * drift of a warm JVM. Where a probe warms up with the workload (the simulator) its warm-up
   * already brackets every invocation, and the simulated counts stay what the planned warm-up
   * makes them.
   */
  public static final int SETTLE_INVOCATIONS = 3;

  /**
   * The measured invocations, after the {@link #SETTLE_INVOCATIONS}. Each value is the probe's
   * count minus the harness floor of its metric (at least 0): what the probes' own reads add
   * inside the window is not the workload's.
   */
  private static Measurement measure(RunPlan plan, Workload workload, ProbeSet set,
      double[][] floor) throws Throwable {
    List<Probe> probes = set.probes();
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
    int settle = plan.settles() && probes.stream().noneMatch(Probe::warmsUpWithWorkload)
        ? SETTLE_INVOCATIONS : 0;
    for (int i = -settle; i < n; i++) {
      set.begin();
      Throwable failure = null;
      try {
        workload.invoke();
      } catch (Throwable t) {
        failure = t;
      }
      set.end(scratchV, scratchF);
      if (failure != null) {
        throw failure;
      }
      if (i < 0) {
        if (i == -1) {
          // a plain loop: a lambda's first call would link its call site (a class spun) right
          // before the first measured invocation
          for (int k = 0; k < p; k++) {
            probes.get(k).forgetSpans();
          }
        }
        continue;
      }
      GuestActivity merged = null;
      for (int k = 0; k < p; k++) {
        for (int m = 0; m < scratchV[k].length; m++) {
          double v = scratchV[k][m];
          // NaN (not counted) stays NaN
          values[k][m][i] = floor[k][m] > 0 && v == v ? Math.max(0, v - floor[k][m]) : v;
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
    List<UnavailableMetric> missing = new ArrayList<>(set.unavailable());
    for (int k = 0; k < p; k++) {
      List<ProbedMetric> metrics = probes.get(k).metrics();
      List<UnavailableMetric> disturbed = probes.get(k).disturbed();
      missing.addAll(disturbed);
      for (int m = 0; m < metrics.size(); m++) {
        ProbedMetric pm = metrics.get(m);
        if (disturbed.stream().anyMatch(d -> d.name().equals(pm.name()))) {
          continue;
        }
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
                  pm.name(), pm.source(), ErrorCode.NOT_COUNTED,
                  "the counter was never scheduled onto the PMU, or could not be read, in "
                      + notCounted + " of " + n
                      + " iterations (too many events for the counters, or another user of the PMU)",
                  "measure fewer events at once, or stop other perf users (NMI watchdog:"
                      + " sysctl kernel.nmi_watchdog=0)"));
          continue;
        }
        series.add(new MetricSeries(pm.name(), pm.source(), pm.unit(), perOp,
            hasFraction ? frac : List.of(), List.of(), pm.kernel(), null,
            MetricSeries.affectedByInstrumentation(pm.source(), null) ? codeOfThisJvm() : null,
            pm.costModel()));
      }
    }
    return new Measurement(plan.opsPerInvocation(), series, missing,
        guest.size() == n ? guest : List.of());
  }

}
