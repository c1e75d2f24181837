package dev.countersign.runner;

import dev.countersign.results.ErrorCode;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.sim.agent.SimRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a workload: warm-up invocations, the harness floor's empty spans, then, in a plan that
 * settles and where no probe {@linkplain Probe#warmsUpWithWorkload() warms up with the workload},
 * {@link #SETTLE_INVOCATIONS} unmeasured ones, then the measured invocations, then the derived
 * metrics. Every invocation, measured or not, runs inside every probe ({@link #span}); the values
 * of those not measured are discarded. Probes are closed on every path.
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
   * Empty spans measured before a batch's measured invocations ({@link ProbeSet#harnessFloor}):
   * the first half lets the JIT compile what the warm-up has not run (in a batch without warm-up,
   * the new probes' first reads), the second half gives the floor subtracted from every
   * invocation. Some ms (the spans include the other probes' reads, as invocations do).
   */
  static final int FLOOR_SPANS = 3_000;

  /**
   * Warms up, measures the harness floor, then measures. The floor comes after the warm-up, so
   * that the code inside the probes' window (the probes' reads, {@link #span}) is measured as the
   * JIT has left it for the invocations that follow.
   */
  public Measurement run(RunPlan plan, Workload workload) throws Throwable {
    try (ProbeSet set = ProbeSet.open(plan.events(), plan.derived(), plan.request(), providers,
        derivers)) {
      warmUp(plan, workload, set);
      double[][] floor = set.harnessFloor(FLOOR_SPANS);
      return set.derive(measure(plan, workload, set, floor));
    }
  }

  /**
   * One invocation inside every probe: the measured invocations and the warm-up's run through
   * this one method, so that by the end of a warm-up the JIT has compiled the code between the
   * probes' reads as the measured invocations will run it (a loop of the caller's own, called
   * once per batch, stays interpreted there).
   *
   * @return what the workload threw, or null
   */
  private static Throwable span(ProbeSet set, Workload workload, double[][] values,
      double[][] fractions) {
    set.begin();
    Throwable failure = null;
    try {
      workload.invoke();
    } catch (Throwable t) {
      failure = t;
    }
    set.end(values, fractions);
    return failure;
  }

  /**
   * The warm-up invocations, each inside every probe ({@link #span}), their values discarded: the
   * planned count, then, with a warm-up time, until the JIT is idle ({@link SteadyWarmup}). The
   * probes' read path is then as warm as the workload, which the harness floor measured after it
   * relies on.
   */
  private static void warmUp(RunPlan plan, Workload workload, ProbeSet set) throws Throwable {
    double[][][] scratch = scratch(set.probes());
    SteadyWarmup steady = SteadyWarmup.start(plan.warmupSeconds());
    for (int i = 0; i < plan.warmup() || steady.goOn(); i++) {
      Throwable failure = span(set, workload, scratch[0], scratch[1]);
      if (failure != null) {
        throw failure;
      }
    }
    set.forgetSpans();
  }

  /** Per probe and metric, a value and a fraction array for {@link ProbeSet#end}. */
  private static double[][][] scratch(List<Probe> probes) {
    double[][][] scratch = new double[2][probes.size()][];
    for (int k = 0; k < probes.size(); k++) {
      scratch[0][k] = new double[probes.get(k).metrics().size()];
      scratch[1][k] = new double[scratch[0][k].length];
    }
    return scratch;
  }

  /**
   * Invocations run by the measuring loop itself before the measured ones, their values discarded
   * ({@link Probe#forgetSpans}), in a plan that {@linkplain RunPlan#settles() settles} (by default
   * one that warms up by time: a test that measures time) where no probe {@linkplain
   * Probe#warmsUpWithWorkload() warms up with the workload}. Without them the first measured
   * invocations of a run were the first to run between the probes' reads and from this loop's
   * call sites (resolved on first execution), and took 2–8× as long as the rest on a µs-long
   * test: every batch began with outliers, which the Mann–Kendall check can read as a downward
   * drift of a warm JVM. Where a probe warms up with the workload (the simulator) there are
   * none, so that the simulated counts stay what the planned warm-up makes them.
   */
  public static final int SETTLE_INVOCATIONS = 3;

  /**
   * The measured invocations, after the {@link #SETTLE_INVOCATIONS}. Each value is the probe's
   * count minus the harness floor of its metric (at least 0): what the probes' own reads add
   * inside the window is not the workload's. A metric whose count was at or below its floor in
   * half of the invocations or more is left out ({@link ErrorCode#BELOW_FLOOR}): its median would
   * be a 0 that no invocation measured, and compared with a baseline's it reads as a −100%
   * improvement (a floor measured above most invocations' cost did that on commons-lang3's
   * {@code StringUtils.split}). Subtracting a constant and clamping keeps the order of the
   * values, so below that share the median is the floor-less median minus the floor.
   */
  private static Measurement measure(RunPlan plan, Workload workload, ProbeSet set,
      double[][] floor) throws Throwable {
    List<Probe> probes = set.probes();
    int n = plan.iterations();
    int p = probes.size();
    double[][][] values = new double[p][][];
    double[][][] fractions = new double[p][][];
    int[][] belowFloor = new int[p][];
    double[][][] scratch = scratch(probes);
    double[][] scratchV = scratch[0];
    double[][] scratchF = scratch[1];
    for (int k = 0; k < p; k++) {
      int m = probes.get(k).metrics().size();
      values[k] = new double[m][n];
      fractions[k] = new double[m][n];
      belowFloor[k] = new int[m];
    }
    List<GuestActivity> guest = new ArrayList<>();
    int settle = plan.settles() && probes.stream().noneMatch(Probe::warmsUpWithWorkload)
        ? SETTLE_INVOCATIONS : 0;
    for (int i = -settle; i < n; i++) {
      Throwable failure = span(set, workload, scratchV, scratchF);
      if (failure != null) {
        throw failure;
      }
      if (i < 0) {
        if (i == -1) {
          set.forgetSpans();
        }
        continue;
      }
      GuestActivity merged = null;
      for (int k = 0; k < p; k++) {
        for (int m = 0; m < scratchV[k].length; m++) {
          double v = scratchV[k][m];
          // NaN (not counted) stays NaN
          if (floor[k][m] > 0 && v == v) {
            if (v <= floor[k][m]) {
              belowFloor[k][m]++;
            }
            v = Math.max(0, v - floor[k][m]);
          }
          values[k][m][i] = v;
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
        if (n > 0 && belowFloor[k][m] * 2 >= n) {
          missing.add(new UnavailableMetric(pm.name(), pm.source(), ErrorCode.BELOW_FLOOR,
              "in " + belowFloor[k][m] + " of " + n + " invocations it counted no more than the"
                  + " probes' own reads in an empty span (the harness floor, "
                  + String.format(Locale.ROOT, "%.0f", floor[k][m]) + " " + pm.unit()
                  + "), which is subtracted from every invocation: the"
                  + " invocation is too short for this metric, or the floor was measured in a"
                  + " slower state than the invocations",
              "measure more work per invocation (repeat the operation in the test method and"
                  + " set @PerfTest(opsPerInvocation = ...)), or rerun if it happens once"));
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
