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
   * The reason, or empty when the two mean the same.
   *
   * @param run this run's identity
   * @param baseline the baseline's
   * @param baselineMode the mode the baseline was recorded in
   * @param runMode the mode of this run
   */
  static Optional<String> of(MetricIdentity run, MetricIdentity baseline, String baselineMode,
      String runMode) {
    String reRecord = ", or re-record the baseline here with 'mvn countersign:baseline'";
    if (baseline.source() != run.source()) {
      // same mode, other source: the machines differ (e.g. a PMU there, a VM here), so naming
      // the mode again would be no advice at all
      String advice = baselineMode.equals(runMode)
          ? "Run where " + baseline.source().id() + " gives this metric (as on the machine that"
              + " recorded the baseline)"
          : "Run in the baseline's mode (-Dcountersign.mode=" + baselineMode + ")";
      return Optional.of("baseline measured by " + baseline.source().id() + " (mode " + baselineMode
          + "), this run by " + run.source().id() + " (mode " + runMode
          + "): values of different sources are never compared. " + advice + reRecord);
    }
    if (baseline.kernel() == KernelCounting.UNKNOWN && run.kernel() != KernelCounting.UNKNOWN) {
      String why = baseline.assumed().stream().filter(a -> a.startsWith(MetricIdentity.KERNEL_UNKNOWN))
          .findFirst().map(a -> a.substring(MetricIdentity.KERNEL_UNKNOWN.length())).orElse("");
      return Optional.of("baseline was recorded before Countersign recorded whether kernel mode"
          + " was counted, and nothing in it tells" + why + ": it may hold user-mode counts only,"
          + " so it is not compared with this run's " + run.kernel().describe() + " counts. Re-record the baseline"
          + " with 'mvn countersign:baseline', as the user and on the machine that runs the"
          + " checks");
    }
    if (baseline.kernel() != run.kernel()) {
      String advice = run.kernel() == KernelCounting.EXCLUDED
          ? "Let this run count kernel mode as the baseline's did ("
              + "sudo sysctl -w kernel.perf_event_paranoid=1, or give the JVM CAP_PERFMON)"
          : "Run as the baseline did (as an unprivileged user at perf_event_paranoid >= 2)";
      return Optional.of("baseline counted " + baseline.kernel().describe() + assumedNote(baseline,
          MetricIdentity.KERNEL_COUNTED) + ", this run " + run.kernel().describe()
          + ": what a thread does inside the kernel (page faults in read(), ...) is in one and not"
          + " the other, so they are never compared. " + advice + reRecord);
    }
    if (baseline.feed() != run.feed()) {
      return Optional.of("baseline's VM exits were estimated from the " + baseline.feed().id()
          + " feed" + assumedNote(baseline, "the " + baseline.feed().id() + " feed")
          + ", this run's from the " + run.feed().id() + " feed: the feeds see different guest"
          + " events, so their estimates are never compared. Estimate from the baseline's feed ("
          + (baseline.feed() == VmExitFeed.SIM ? "-Dcountersign.mode=sim with the agent"
              : "-Dcountersign.mode=perf where the tracepoints are readable, see 'mvn"
                  + " countersign:doctor'")
          + ")" + reRecord);
    }
    if (baseline.code() != run.code()) {
      String advice = run.code() == MeasuredCode.INSTRUMENTED
          ? "Measure it on plain code as the baseline did: mode auto or perf (they measure it in a"
              + " JVM without the agent), on a test that can run in its own JVM (no parameters, not"
              + " a @ParameterizedTest or @RepeatedTest invocation)"
          : "The baseline's value is not the code's own time or count: re-record it";
      return Optional.of("baseline measured " + baseline.code().describe()
          + assumedNote(baseline, MetricIdentity.ASSUMED_INSTRUMENTED) + assumedNote(baseline, MetricIdentity.ASSUMED_PLAIN)
          + ", this run " + run.code().describe()
          + ": instrumented code runs several times slower and carries the simulator's own work,"
          + " so they are never compared. " + advice
          + (run.code() == MeasuredCode.INSTRUMENTED ? reRecord : " with 'mvn countersign:baseline'"));
    }
    if (!Objects.equals(baseline.jdk(), run.jdk())) {
      if (MetricIdentity.MODULE_ONLY.equals(baseline.jdk())) {
        return Optional.of("baseline's simulated counts were recorded before the simulator counted"
            + " JDK and library code (the module's classes only); this run counts every bytecode"
            + " the invocation executes, on " + run.jdk() + ": the numbers mean different things, so"
            + " they are never compared. Re-record the baseline with 'mvn countersign:baseline'");
      }
      return Optional.of("baseline simulated on " + baseline.jdk() + ", this run on " + run.jdk()
          + ": the simulator counts the JDK's own bytecode, which differs between JDK builds, so"
          + " their counts are never compared. Run on the baseline's JDK (JAVA_HOME, or"
          + " Surefire's jvm parameter)" + reRecord);
    }
    if (!Objects.equals(baseline.costModel(), run.costModel())) {
      return Optional.of("baseline simulated with the cost model "
          + costModel(baseline.costModel()) + ", this run with " + costModel(run.costModel())
          + ": the same code gives other numbers under another model, so they are never compared."
          + " Re-record the baseline with 'mvn countersign:baseline'");
    }
    if (!baseline.agents().equals(run.agents())) {
      return Optional.of("baseline ran with " + describe(baseline.agents())
          + assumedNote(baseline, "no other JVM agent") + ", this run with " + describe(run.agents())
          + ": an agent that instruments classes changes every count, so runs with different"
          + " agents are never compared. Run the performance tests with the baseline's agents"
          + " (for JaCoCo: -Djacoco.skip=true, or a Surefire execution of their own)" + reRecord);
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
