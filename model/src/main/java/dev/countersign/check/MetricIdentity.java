package dev.countersign.check;

import dev.countersign.events.EventCatalog;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.Environment;
import dev.countersign.results.JvmAgent;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.results.VmExitFeed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a recorded value means beyond its metric's name: where it came from, whether kernel mode
 * was counted, which feed a VM-exit estimate was derived from, whether the code it was measured on
 * carried the simulator's instrumentation, and which other JVM agents were present. Two series are compared only when these are equal; otherwise the row is INCOMPARABLE
 * with {@link #differenceFrom the reason and the fix}.
 *
 * <p>Files written before a part was recorded are read with the meaning the old Countersign gave
 * it where the file shows it, and that part is listed in {@link #assumed()}: kernel mode counted
 * where the run was at {@code perf_event_paranoid} ≤ 1 or counted tracepoints (a tracepoint is
 * always so, it is not opened otherwise), else {@link KernelCounting#UNKNOWN unknown}, which is
 * compared with nothing (the old Countersign counted user mode only for an unprivileged user at
 * paranoid 2, and did not record the user); the feed of the recorded mode ({@code sim} or {@code perf}; in {@code auto} the perf
 * feed when every one of its inputs of then was recorded, else the simulator's), and no other
 * agent. A simulated value ({@code sim}) also means the JDK that ran it, whose bytecode the
 * simulator counts; one recorded before the simulator counted the JDK ({@link #MODULE_ONLY})
 * means something else again and is never compared with a current one.
 *
 * @param source where the values came from
 * @param kernel whether kernel mode was counted; null where the source has no such notion
 * @param feed the VM-exit feed; null unless the source is {@code model}
 * @param code plain or instrumented code; null for values the instrumentation does not change
 *     ({@link MetricSeries#affectedByInstrumentation()})
 * @param agents the JVM agents present besides Countersign's own, sorted; for simulated values
 *     without those whose code the simulator does not count ({@link JvmAgent#simulatorExcludes},
 *     JaCoCo), since their presence does not change a simulated count
 * @param jdk for simulated values, the JDK that ran them ({@link RunConfiguration#jdk()}), or
 *     {@link #MODULE_ONLY} when the file did not record one; null for other sources
 * @param costModel for simulated values, the cost model they follow where it is not the bytecode
 *     as written ({@link MetricSeries#costModel()}: {@code cycles} charges the JIT's inlining);
 *     null for the others, and for values recorded before it (the bytecode as written)
 * @param assumed the parts the file did not record, as read (empty for current files)
 */
public record MetricIdentity(Source source, KernelCounting kernel, VmExitFeed feed,
    MeasuredCode code, List<JvmAgent> agents, String jdk, String costModel,
    List<String> assumed) {

  /** The {@link #assumed()} entry of an old test's value the instrumentation changes. */
  static final String ASSUMED_INSTRUMENTED = "measured on instrumented code";

  /** The {@link #assumed()} entry of an old JMH value. */
  static final String ASSUMED_PLAIN = "measured on plain code";

  /** The simulator's scope before it counted the JDK: the module's own classes. */
  public static final String MODULE_ONLY = "module classes only";

  private static final Set<Source> PERF_EVENT_SOURCES =
      Set.of(Source.PMU, Source.KERNEL, Source.TRACEPOINT);

  /**
   * The perf feed's inputs when files did not record the feed: an old run in {@code auto} that
   * measured all of them was estimated from the perf feed. Fixed here, since the feed's inputs
   * have grown since ({@code sched:sched_waking}).
   */
  private static final Set<String> LEGACY_PERF_FEED_INPUTS = Stream.of(
          "msr:write_msr[msr == 0x6e0]", "ipi:ipi_send_cpu", "ipi:ipi_send_cpumask",
          "sched:sched_switch[prev_state == 1 || prev_state == 2]", "exceptions:page_fault_user",
          "task-clock")
      .map(n -> EventCatalog.parse(n).qualifiedName()).collect(Collectors.toUnmodifiableSet());

  public MetricIdentity {
    Objects.requireNonNull(source, "source");
    agents = List.copyOf(agents);
    assumed = List.copyOf(assumed);
  }

  /** The identity of {@code series} of a promoted baseline run. */
  public static MetricIdentity of(MetricSeries series, BaselineRun run) {
    return of(series, run.configuration(), run.environment(), run.metrics());
  }

  /** The identity of {@code series} of a result. */
  public static MetricIdentity of(MetricSeries series, TestResult result) {
    return of(series, result.configuration(), result.environment(), result.metrics());
  }

  /**
   * The identity of {@code series}, recorded in a run with {@code configuration} on {@code
   * environment} next to {@code runMetrics} (all series of that run, to tell an old file's feed
   * and kernel counting).
   */
  public static MetricIdentity of(MetricSeries series, RunConfiguration configuration,
      Environment environment, List<MetricSeries> runMetrics) {
    List<String> assumed = new ArrayList<>();
    KernelCounting kernel = null;
    if (PERF_EVENT_SOURCES.contains(series.source())) {
      kernel = series.kernel();
      if (kernel == null && series.source() == Source.TRACEPOINT) {
        kernel = KernelCounting.COUNTED;
      } else if (kernel == null) {
        kernel = legacyKernel(environment, runMetrics, assumed);
      }
    }
    VmExitFeed feed = null;
    if (series.source() == Source.MODEL) {
      feed = series.feed();
      if (feed == null) {
        feed = legacyFeed(configuration.mode(), runMetrics);
        if (configuration.mode().equals("auto")) {
          assumed.add("the " + feed.id() + " feed");
        }
      }
    }
    MeasuredCode code = null;
    if (MetricSeries.affectedByInstrumentation(series.source(), feed)) {
      code = series.code();
      if (code == null) {
        // a JMH fork gets the agent only when its jvmArgs name it; a test JVM gets it from
        // prepare-agent, and the old Countersign measured everything there
        boolean jmh = configuration.mode().startsWith("jmh");
        code = jmh ? MeasuredCode.PLAIN : MeasuredCode.INSTRUMENTED;
        assumed.add(jmh ? ASSUMED_PLAIN : ASSUMED_INSTRUMENTED);
      }
    }
    List<JvmAgent> agents = configuration.agents();
    if (agents == null) {
      agents = List.of();
      assumed.add("no other JVM agent");
    }
    if (series.source() == Source.SIM) {
      agents = agents.stream().filter(a -> !JvmAgent.simulatorExcludes(a)).toList();
    }
    String jdk = null;
    if (series.source() == Source.SIM) {
      jdk = configuration.jdk() == null ? MODULE_ONLY : configuration.jdk();
    }
    String costModel = series.source() == Source.SIM ? series.costModel() : null;
    return new MetricIdentity(series.source(), kernel, feed, code, agents, jdk, costModel,
        assumed);
  }

  /**
   * Whether an old run counted kernel mode, where its file shows it: at {@code
   * perf_event_paranoid} ≤ 1 every user did ({@code perf_allow_kernel}); a run that counted
   * tracepoints had the privilege (tracefs is root-only, and a tracepoint hit in the kernel is
   * not counted otherwise). Else it depended on who ran it, which was not recorded: unknown.
   */
  private static KernelCounting legacyKernel(Environment environment,
      List<MetricSeries> runMetrics, List<String> assumed) {
    String paranoid = environment == null ? null
        : environment.extra().get("perf_event_paranoid");
    if (paranoid != null && paranoid.matches("-?\\d{1,3}") && Integer.parseInt(paranoid) <= 1) {
      assumed.add(KERNEL_COUNTED + " (perf_event_paranoid was " + paranoid + ")");
      return KernelCounting.COUNTED;
    }
    if (runMetrics.stream().anyMatch(m -> m.source() == Source.TRACEPOINT)) {
      assumed.add(KERNEL_COUNTED + " (the run counted tracepoints, which needs that privilege)");
      return KernelCounting.COUNTED;
    }
    assumed.add(KERNEL_UNKNOWN + " (perf_event_paranoid "
        + (paranoid == null ? "not recorded" : paranoid) + ", where that depended on the user's"
        + " privilege, and no tracepoint counted)");
    return KernelCounting.UNKNOWN;
  }

  static final String KERNEL_COUNTED = "kernel mode counted";
  static final String KERNEL_UNKNOWN = "kernel counting unknown";

  /** The feed an old Countersign used: see the class comment. */
  private static VmExitFeed legacyFeed(String mode, List<MetricSeries> runMetrics) {
    if (mode.equals("sim")) {
      return VmExitFeed.SIM;
    }
    if (mode.equals("perf")) {
      return VmExitFeed.PERF;
    }
    Set<String> recorded = runMetrics.stream().filter(m -> m.source() == Source.TRACEPOINT
            || m.source() == Source.KERNEL).map(MetricSeries::name).collect(Collectors.toSet());
    return recorded.containsAll(LEGACY_PERF_FEED_INPUTS) ? VmExitFeed.PERF : VmExitFeed.SIM;
  }

  /** Whether values of the two identities mean the same and may be compared (or pooled). */
  public boolean sameMeaning(MetricIdentity other) {
    return source == other.source && kernel == other.kernel && feed == other.feed
        && code == other.code && agents.equals(other.agents) && Objects.equals(jdk, other.jdk)
        && Objects.equals(costModel, other.costModel);
  }

  /**
   * Why values of this (the current run's) identity cannot be compared with {@code baseline}'s,
   * and what to do; empty when they mean the same.
   *
   * @param baselineMode the mode the baseline was recorded in
   * @param runMode the mode of this run
   */
  public Optional<String> differenceFrom(MetricIdentity baseline, String baselineMode,
      String runMode) {
    return IncomparableReason.of(this, baseline, baselineMode, runMode);
  }

  /**
   * {@link #differenceFrom} in {@code compare}'s words: this is B's identity, {@code a} A's, both
   * measured on this machine with this build's settings, and there is no baseline to re-record.
   *
   * @param aMode the mode A ran in
   * @param bMode the mode B ran in
   */
  public Optional<String> differenceFromA(MetricIdentity a, String aMode, String bMode) {
    return IncomparableReason.of(this, a, aMode, bMode, IncomparableReason.Voice.COMPARE);
  }

  /**
   * The one note for a build that read baselines written before the meaning was recorded: how
   * many, how they were read, and how to make it explicit; empty when there are none.
   */
  public static Optional<String> oldBaselinesNote(Collection<Baseline> baselines) {
    return oldBaselinesNote(baselines, Sides.BASELINE_AND_CURRENT);
  }

  /**
   * {@link #oldBaselinesNote(Collection)} in the words of {@code sides}: in a comparison the
   * "baselines" are A's results, written by the Countersign A's revision runs, and there is none
   * to promote.
   */
  public static Optional<String> oldBaselinesNote(Collection<Baseline> baselines, Sides sides) {
    long old = baselines.stream().filter(b -> b.runs().stream().anyMatch(run -> run.metrics()
        .stream().anyMatch(m -> !of(m, run).assumed().isEmpty()))).count();
    if (old == 0) {
      return Optional.empty();
    }
    if (!sides.equals(Sides.BASELINE_AND_CURRENT)) {
      return Optional.of(sides.first() + "'s results of " + old + " test(s) were written by a"
          + " Countersign that did not record what a number means (kernel mode counted or not, the"
          + " VM-exit feed, plain or instrumented code, other JVM agents); they are read as that"
          + " Countersign measured, and a metric " + sides.second() + " measured otherwise is"
          + " INCOMPARABLE. " + sides.first() + "'s revision runs an older Countersign: compare"
          + " against a revision whose build uses this one.");
    }
    return Optional.of(old + " baseline(s) were recorded before Countersign recorded what a"
        + " number means (kernel mode counted or not, the VM-exit feed, plain or instrumented"
        + " code, other JVM agents); they are read as the old Countersign measured: kernel mode"
        + " counted where the file shows it (perf_event_paranoid <= 1, or tracepoints counted)"
        + " and else unknown, the feed of the recorded mode, time and kernel metrics on"
        + " instrumented code, no other agent. A run that differs, and a metric whose kernel"
        + " counting is unknown, is INCOMPARABLE. Promote a fresh run with"
        + " 'mvn countersign:baseline' to record it.");
  }
}
