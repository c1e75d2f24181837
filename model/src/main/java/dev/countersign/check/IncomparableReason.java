package dev.countersign.check;

import dev.countersign.results.JvmAgent;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.VmExitFeed;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why values of one {@link MetricIdentity} cannot be compared with another's, in the words the
 * check shows on an INCOMPARABLE row: what differs, why that changes what a number means, and
 * what to do.
 */
final class IncomparableReason {

  private IncomparableReason() {}

  /**
   * The reason, or empty when the two mean the same, in {@code check}'s words (the baseline and
   * this run).
   *
   * @param run this run's identity
   * @param baseline the baseline's
   * @param baselineMode the mode the baseline was recorded in
   * @param runMode the mode of this run
   */
  static Optional<String> of(MetricIdentity run, MetricIdentity baseline, String baselineMode,
      String runMode) {
    return of(run, baseline, baselineMode, runMode, Voice.CHECK);
  }

  /**
   * The two sides as the reason names them, and what to do about a difference.
   *
   * @param a the side compared against, as a sentence's subject ("baseline", "A")
   * @param b the side judged ("this run", "B")
   * @param aOwn the first side's, possessive ("the baseline's", "A's")
   * @param aRecorder where the first side was measured ("the machine that recorded the baseline")
   * @param remedyTail appended to the advice: how else to resolve it (check: re-record the
   *     baseline; compare, which keeps none: where the sides' builds differ)
   * @param rerecord the advice where only recording the first side again helps
   */
  record Voice(String a, String b, String aOwn, String aRecorder, String remedyTail,
      String rerecord) {

    static final Voice CHECK = new Voice("baseline", "this run", "the baseline's",
        "the machine that recorded the baseline",
        ", or re-record the baseline here with 'mvn countersign:baseline'",
        "Re-record the baseline with 'mvn countersign:baseline'");

    /**
     * {@code compare}'s: A and B ran on this machine with this build's settings, so a difference
     * comes from the two revisions' own builds; there is no baseline to re-record.
     */
    static final Voice COMPARE = new Voice("A", "B", "A's", "A's side",
        ". A and B ran on this machine with this build's settings, so the difference is in the two"
            + " revisions' builds (their poms, Surefire or agent configuration): make them alike;"
            + " compare keeps no baseline to re-record",
        "Measure both sides alike (the difference is in the two revisions' builds); compare keeps"
            + " no baseline to re-record");
  }

  /** The reason in {@code voice}'s words, or empty when the two mean the same. */
  static Optional<String> of(MetricIdentity run, MetricIdentity baseline, String baselineMode,
      String runMode, Voice voice) {
    String a = voice.a();
    String b = voice.b();
    String reRecord = voice.remedyTail();
    if (baseline.source() != run.source()) {
      // same mode, other source: the machines differ (e.g. a PMU there, a VM here), so naming
      // the mode again would be no advice at all
      String advice = baselineMode.equals(runMode)
          ? "Run where " + baseline.source().id() + " gives this metric (as on "
              + voice.aRecorder() + ")"
          : "Run in " + voice.aOwn() + " mode (-Dcountersign.mode=" + baselineMode + ")";
      return Optional.of(a + " measured by " + baseline.source().id() + " (mode " + baselineMode
          + "), " + b + " by " + run.source().id() + " (mode " + runMode
          + "): values of different sources are never compared. " + advice + reRecord);
    }
    if (baseline.kernel() == KernelCounting.UNKNOWN && run.kernel() != KernelCounting.UNKNOWN) {
      String why = baseline.assumed().stream().filter(x -> x.startsWith(MetricIdentity.KERNEL_UNKNOWN))
          .findFirst().map(x -> x.substring(MetricIdentity.KERNEL_UNKNOWN.length())).orElse("");
      return Optional.of(a + " was recorded before Countersign recorded whether kernel mode"
          + " was counted, and nothing in it tells" + why + ": it may hold user-mode counts only,"
          + " so it is not compared with " + b + "'s " + run.kernel().describe() + " counts. "
          + voice.rerecord() + (voice == Voice.CHECK
              ? ", as the user and on the machine that runs the checks" : ""));
    }
    if (baseline.kernel() != run.kernel()) {
      String advice = run.kernel() == KernelCounting.EXCLUDED
          ? "Let " + b + " count kernel mode as " + voice.aOwn() + " did ("
              + "sudo sysctl -w kernel.perf_event_paranoid=1, or give the JVM CAP_PERFMON)"
          : "Run as " + a + " did (as an unprivileged user at perf_event_paranoid >= 2)";
      return Optional.of(a + " counted " + baseline.kernel().describe() + assumedNote(baseline,
          MetricIdentity.KERNEL_COUNTED) + ", " + b + " " + run.kernel().describe()
          + ": what a thread does inside the kernel (page faults in read(), ...) is in one and not"
          + " the other, so they are never compared. " + advice + reRecord);
    }
    if (baseline.feed() != run.feed()) {
      return Optional.of(a + "'s VM exits were estimated from the "
          + baseline.feed().id() + " feed" + assumedNote(baseline, "the " + baseline.feed().id()
              + " feed")
          + ", " + b + "'s from the " + run.feed().id() + " feed: the feeds see different guest"
          + " events, so their estimates are never compared. Estimate from " + voice.aOwn()
          + " feed ("
          + (baseline.feed() == VmExitFeed.SIM ? "-Dcountersign.mode=sim with the agent"
              : "-Dcountersign.mode=perf where the tracepoints are readable, see 'mvn"
                  + " countersign:doctor'")
          + ")" + reRecord);
    }
    if (baseline.code() != run.code()) {
      String advice = run.code() == MeasuredCode.INSTRUMENTED
          ? "Measure it on plain code as " + a + " did: mode auto or perf (they measure it in a"
              + " JVM without the agent), on a test that can run in its own JVM (no parameters, not"
              + " a @ParameterizedTest or @RepeatedTest invocation)"
          : voice == Voice.CHECK ? "The baseline's value is not the code's own time or count:"
              + " re-record it" : "A's value is not the code's own time or count";
      return Optional.of(a + " measured " + baseline.code().describe()
          + assumedNote(baseline, MetricIdentity.ASSUMED_INSTRUMENTED) + assumedNote(baseline, MetricIdentity.ASSUMED_PLAIN)
          + ", " + b + " " + run.code().describe()
          + ": instrumented code runs several times slower and carries the simulator's own work,"
          + " so they are never compared. " + advice
          + (run.code() == MeasuredCode.INSTRUMENTED || voice != Voice.CHECK ? reRecord
              : " with 'mvn countersign:baseline'"));
    }
    if (!Objects.equals(baseline.jdk(), run.jdk())) {
      if (MetricIdentity.MODULE_ONLY.equals(baseline.jdk())) {
        return Optional.of(voice.aOwn().replace("the ", "") + " simulated counts were recorded"
            + " before the simulator counted JDK and library code (the module's classes only); "
            + b + " counts every bytecode the invocation executes, on " + run.jdk() + ": the"
            + " numbers mean different things, so they are never compared. " + voice.rerecord());
      }
      return Optional.of(a + " simulated on " + baseline.jdk() + ", " + b + " on " + run.jdk()
          + ": the simulator counts the JDK's own bytecode, which differs between JDK builds, so"
          + " their counts are never compared. Run on " + voice.aOwn() + " JDK (JAVA_HOME, or"
          + " Surefire's jvm parameter)" + reRecord);
    }
    if (!Objects.equals(baseline.costModel(), run.costModel())) {
      return Optional.of(a + " simulated with the cost model "
          + costModel(baseline.costModel()) + ", " + b + " with " + costModel(run.costModel())
          + ": the same code gives other numbers under another model, so they are never compared. "
          + voice.rerecord());
    }
    if (!baseline.agents().equals(run.agents())) {
      return Optional.of(a + " ran with " + describe(baseline.agents())
          + assumedNote(baseline, "no other JVM agent") + ", " + b + " with " + describe(run.agents())
          + ": an agent that instruments classes changes every count, so runs with different"
          + " agents are never compared. Run the performance tests with " + voice.aOwn()
          + " agents (for JaCoCo: -Djacoco.skip=true, or a Surefire execution of their own)"
          + reRecord);
    }
    return Optional.empty();
  }

  private static String costModel(String model) {
    return model == null ? "of the bytecode as written (every call and return charged, as before"
        + " the simulator modelled the JIT's inlining)" : "'" + model + "' (docs/simulator.md)";
  }

  /** " (not recorded in this old baseline: read as <part ...>)" where the baseline assumed it. */
  private static String assumedNote(MetricIdentity baseline, String part) {
    return baseline.assumed().stream().filter(a -> a.startsWith(part)).findFirst()
        .map(a -> " (not recorded in this old baseline: read as " + a + ")").orElse("");
  }

  private static String describe(List<JvmAgent> agents) {
    return agents.isEmpty() ? "no other JVM agent"
        : "agents " + agents.stream().map(JvmAgent::toString).collect(Collectors.joining(", "));
  }
}
