package dev.countersign.jmh;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.events.UnknownEventException;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbedMetric;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler giving Countersign's counters per operation as secondary results: {@code -prof
 * dev.countersign.jmh.CountersignProfiler:events=task-clock,page-faults;mode=auto}.
 *
 * <p>Counting starts and stops in-process exactly at JMH's iteration boundaries (unlike {@code
 * perfnorm}, which samples an external {@code perf stat}), through the same probes as a {@code
 * @PerfTest}: {@code perf_event_open} events (hardware, software, tracepoints), simulator counts
 * when the Countersign agent is attached, JVM allocation and GC, and VM-exit estimates ({@code
 * vmexit.<host>.<REASON>}). Each metric is divided by the iteration's operations and reported as
 * {@code countersign.<event>} (unit {@code #/op}, {@code B/op} or {@code ns/op}), averaged over
 * iterations. An event that cannot be measured here is named with its diagnosis in the JMH log
 * once per run, and gives no result (never a zero). A JVM-wide metric ({@code alloc-bytes},
 * {@code gc-count}, {@code gc-time}) of an iteration during which threads other than JMH's
 * workers allocated (as {@code @PerfTest}s check: more than 1 KiB and 1% of the JVM's allocation)
 * is given as NaN for that iteration, with the reason in the log: JMH averages the iterations, so
 * one such iteration would make the mean partly another thread's.
 *
 * <p>Options, separated by {@code ;}: {@code events} (comma-separated metric names, default
 * {@value #DEFAULT_EVENTS}) and {@code mode} ({@code auto} default, {@code perf}, {@code sim}).
 */
public final class CountersignProfiler implements InternalProfiler {

  /** The events measured without an {@code events} option. */
  public static final String DEFAULT_EVENTS = "instructions,cycles,task-clock,page-faults,alloc-bytes";

  /** Prefix of the secondary results' labels. */
  public static final String PREFIX = "countersign.";

  // JMH names its worker threads "<benchmark>-jmh-worker-<n>"; they may exist before we open
  private static final Pattern JMH_WORKERS = Pattern.compile(".*-jmh-worker-\\d+");

  private final List<EventSpec> measured = new ArrayList<>();
  private final List<EventSpec> derived = new ArrayList<>();
  private final Mode mode;
  private final PrintStream log;
  private IterationProbes probes;
  private int measurementIterations;
  private final Set<String> reported = new LinkedHashSet<>();

  /** With the default options. */
  public CountersignProfiler() throws ProfilerException {
    this("");
  }

  /** With options {@code events=a,b;mode=auto} as given after the profiler's name. */
  public CountersignProfiler(String initLine) throws ProfilerException {
    this(initLine, System.out);
  }

  CountersignProfiler(String initLine, PrintStream log) throws ProfilerException {
    this.log = log;
    String events = DEFAULT_EVENTS;
    Mode m = Mode.AUTO;
    for (String option : (initLine == null ? "" : initLine).split(";")) {
      if (option.isBlank()) {
        continue;
      }
      int eq = option.indexOf('=');
      String key = eq < 0 ? option.strip() : option.substring(0, eq).strip();
      String value = eq < 0 ? "" : option.substring(eq + 1).strip();
      switch (key) {
        case "events" -> events = value;
        case "mode" -> {
          try {
            m = Mode.parse(value);
          } catch (IllegalArgumentException e) {
            throw new ProfilerException(e.getMessage());
          }
        }
        default -> throw new ProfilerException("unknown option '" + key + "' of "
            + getClass().getSimpleName() + "; options: events=<comma-separated metric names>"
            + " (default " + DEFAULT_EVENTS + "), mode=auto|perf|sim; separate them with ';'");
      }
    }
    this.mode = m;
    for (String name : events.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        EventSpec spec = EventCatalog.parse(name);
        (spec.kind() == EventKind.VMEXIT ? derived : measured).add(spec);
      } catch (UnknownEventException e) {
        throw new ProfilerException(e.getMessage());
      }
    }
    if (measured.isEmpty() && derived.isEmpty()) {
      throw new ProfilerException("no events given: use events=<comma-separated metric names>,"
          + " e.g. events=" + DEFAULT_EVENTS);
    }
  }

  @Override
  public String getDescription() {
    return "Countersign counters per op at exact iteration boundaries: perf_event_open events,"
        + " simulator counts (with the agent), JVM allocation and GC, VM-exit estimates";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (probes == null) {
      probes = new IterationProbes(measured, derived, new ProbeRequest(mode, List.of(JMH_WORKERS)));
      measurementIterations = 0;
      for (UnavailableMetric u : probes.unavailable()) {
        report(u);
      }
    }
    probes.begin();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    if (probes == null) {
      return List.of();
    }
    long ops = result.getMetadata().getAllOps();
    IterationProbes.Iteration it = probes.end(Math.max(1, ops));
    List<Result> out = new ArrayList<>();
    if (ops > 0) {
      for (MetricSeries m : it.metrics()) {
        out.add(new ScalarResult(PREFIX + m.name(), m.perOp().get(0), unit(m.unit()),
            AggregationPolicy.AVG));
      }
      for (ProbedMetric m : it.disturbed()) {
        out.add(new ScalarResult(PREFIX + m.name(), Double.NaN, unit(m.unit()),
            AggregationPolicy.AVG));
      }
    }
    it.missing().forEach(this::report);
    if (iterationParams.getType() == IterationType.MEASUREMENT
        && ++measurementIterations >= iterationParams.getCount()) {
      probes.close();
      probes = null; // the next benchmark (or fork-less run) opens its own
    }
    return out;
  }

  private void report(UnavailableMetric u) {
    if (reported.add(u.name() + " " + u.error().id())) {
      log.println("# Countersign profiler: " + u.name() + " UNAVAILABLE (" + u.source().id()
          + ") " + u.describe());
    }
  }

  /** JMH's spelling of per-op units. */
  static String unit(String unit) {
    return switch (unit) {
      case "count" -> "#/op";
      case "bytes" -> "B/op";
      default -> unit + "/op";
    };
  }
}
