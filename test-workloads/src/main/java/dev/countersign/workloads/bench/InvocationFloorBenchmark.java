package dev.countersign.workloads.bench;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.ErrorCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbeSet;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-invocation floor of a measured {@code @PerfTest} body, and a cross-check against JMH.
 *
 * <p>{@code countersign} runs the body as the extension does ({@code Workload.of}, inside every
 * probe of mode {@code perf} with the default events — task-clock, page-faults, context-switches,
 * alloc-bytes, or without alloc-bytes for {@code jvmProbe = false} — and, with {@code exits =
 * intel-kvm-default}, the tracepoints behind that host's VM-exit estimates): one JMH op is a run
 * of 1,000 measured invocations. At the end of the trial it prints the median over runs of the
 * median {@code task-clock}, and of the median and mean {@code alloc-bytes}, per invocation.
 * {@code direct} calls the same workload under JMH; run it with {@code -prof dev.countersign.jmh.CountersignProfiler:events=task-clock} to
 * get JMH's task-clock per call, the figure Countersign's should match for {@code body = work}
 * (about 1 µs of integer mixing).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 1)
@Fork(1)
public class InvocationFloorBenchmark {

  @Param({"empty", "work"})
  public String body;

  @Param({"none", "intel-kvm-default"})
  public String exits;

  /** Whether the JVM probe (alloc-bytes) runs beside the perf probe, as by default. */
  @Param({"true", "false"})
  public boolean jvmProbe;

  private static final int INVOCATIONS = 1_000;

  private final long[] data = new long[1024];
  private long sink;
  private Method method;
  private Runner runner;
  private RunPlan plan;
  private Workload workload;
  private ProbeSet probes;
  private double[][] values;
  private double[][] fractions;
  private final List<Double> taskClock = new ArrayList<>();
  private final List<Double> allocBytes = new ArrayList<>();
  private final List<Double> allocMedians = new ArrayList<>();
  private int belowFloorRuns;

  /** The empty body. */
  public void empty() {}

  /** About 1 µs: a dependent chain of multiply-xor over 1,024 longs. */
  public void work() {
    long h = sink;
    for (long v : data) {
      h = (h ^ v) * 0x9E3779B97F4A7C15L;
    }
    sink = h;
  }

  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 31L + 7;
    }
    method = InvocationFloorBenchmark.class.getMethod(body);
    // the extension's own call of a @PerfTest method
    workload = Workload.of(method, this, new Object[0]);
    List<EventSpec> events = (jvmProbe
        ? List.of("task-clock", "page-faults", "context-switches", "alloc-bytes")
        : List.of("task-clock", "page-faults", "context-switches"))
        .stream().map(EventCatalog::parse).toList();
    List<EventSpec> derived = exits.equals("none") ? List.of()
        : List.of(EventCatalog.parse("vmexit." + exits + ".ANY"));
    plan = new RunPlan(events, derived, 100, INVOCATIONS, 1,
        new ProbeRequest(Mode.PERF, List.of()));
    runner = Runner.forMode(Mode.PERF);
    probes = ProbeSet.open(events, derived, plan.request(), ProbeProviders.chain(Mode.PERF),
        ProbeProviders.derivers());
    values = new double[probes.probes().size()][];
    fractions = new double[values.length][];
    for (int k = 0; k < values.length; k++) {
      values[k] = new double[probes.probes().get(k).metrics().size()];
      fractions[k] = new double[values[k].length];
    }
  }

  @TearDown(Level.Trial)
  public void closeProbes() {
    probes.close();
  }

  /**
   * The body inside the same probes as {@code countersign}'s, under JMH: its CPU time per op
   * minus {@link #emptyBracket}'s is what the body costs between the probes' reads, which
   * {@code countersign} should report and which {@code direct} may undercut (caches the reads'
   * kernel work evicts).
   */
  @Benchmark
  public void bracketed() throws Throwable {
    probes.begin();
    workload.invoke();
    probes.end(values, fractions);
  }

  /** The probes' begin and end with nothing between: the reads themselves. */
  @Benchmark
  public void emptyBracket() {
    probes.begin();
    probes.end(values, fractions);
  }

  @Benchmark
  public void direct() throws Throwable {
    workload.invoke();
  }

  @Benchmark
  public Measurement countersign() throws Throwable {
    Measurement m = runner.run(plan, workload);
    m.metric("task-clock").ifPresent(s -> taskClock.add(median(s)));
    if (m.unavailable().stream().anyMatch(u -> u.name().equals("task-clock")
        && u.error() == ErrorCode.BELOW_FLOOR)) {
      belowFloorRuns++;
    }
    m.metric("alloc-bytes").ifPresent(s -> {
      allocBytes.add(mean(s.perOp()));
      allocMedians.add(median(s));
    });
    return m;
  }

  @TearDown(Level.Trial)
  public void print() {
    if (!taskClock.isEmpty() || belowFloorRuns > 0) {
      System.out.printf(Locale.ROOT,
          "%n[floor body=%s exits=%s] Countersign per invocation, median over %d runs:"
              + " task-clock %.0f ns (median of the run; in %d more runs no value, BELOW_FLOOR),"
              + " alloc-bytes %.1f B (median of the run), %.1f B (mean of the run)%n",
          body, exits, taskClock.size(), median(taskClock), belowFloorRuns,
          median(allocMedians), median(allocBytes));
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double median(MetricSeries s) {
    return median(s.perOp());
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
