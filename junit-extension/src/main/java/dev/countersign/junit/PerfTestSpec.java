package dev.countersign.junit;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.events.UnknownEventException;
import dev.countersign.events.VmExitMetric;
import dev.countersign.events.VmExitReason;
import dev.countersign.results.Budget;
import dev.countersign.results.RegressionLimit;
import dev.countersign.results.RunConfiguration;
import dev.countersign.runner.Mode;
import dev.countersign.settings.InvalidSettingException;
import dev.countersign.settings.Settings;
import dev.countersign.stats.TimeSensitiveMetrics;
import dev.countersign.vmexit.HostProfiles;
import dev.countersign.vmexit.InvalidHostProfileException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code @PerfTest} method's annotations and the {@code countersign.*} overrides, validated.
 *
 * @param mode effective mode
 * @param warmup unmeasured invocations
 * @param iterations measured invocations
 * @param opsPerInvocation divisor
 * @param forks JVMs
 * @param events metrics to measure, in declaration order (VM-exit metrics excluded)
 * @param derived VM-exit metrics to derive
 * @param budgets absolute per-op budgets (counters and VM exits)
 * @param maxRegressions per-metric regression limits
 * @param threads patterns of existing threads to count too
 * @param declared qualified names of the metrics the annotations (or the default set) name: the
 *     ones {@code check} judges
 */
public record PerfTestSpec(
    Mode mode,
    int warmup,
    int iterations,
    long opsPerInvocation,
    int forks,
    List<EventSpec> events,
    List<EventSpec> derived,
    List<Budget> budgets,
    List<RegressionLimit> maxRegressions,
    List<Pattern> threads,
    Set<String> declared) {

  /** The setting {@link Settings#VMEXIT_HOSTS}. */
  public static final String VMEXIT_HOSTS_PROPERTY = Settings.VMEXIT_HOSTS;

  /** Metrics measured when a test names none ({@link EventCatalog#DEFAULT_EVENTS}). */
  public static final List<String> DEFAULT_EVENTS = EventCatalog.DEFAULT_EVENTS;

  /** Metrics measured when a simulated test names none ({@link EventCatalog#DEFAULT_SIM_EVENTS}). */
  public static final List<String> DEFAULT_SIM_EVENTS = EventCatalog.DEFAULT_SIM_EVENTS;

  /**
   * The metrics of a measurement this test did not declare (see {@link
   * dev.countersign.results.TestResult#informational()}), in the measurement's order.
   */
  public List<String> informational(dev.countersign.runner.Measurement measurement) {
    Set<String> names = new java.util.LinkedHashSet<>();
    measurement.metrics().forEach(m -> names.add(m.name()));
    measurement.unavailable().forEach(u -> names.add(u.name()));
    names.removeAll(declared);
    return List.copyOf(names);
  }

  /**
   * Whether this test measures time or scheduling: it declares such a metric (or page faults,
   * {@link TimeSensitiveMetrics}) and is not simulated. Such a test warms up by time by default ({@link
   * Settings#DEFAULT_WARMUP_TIME}): a few invocations leave a fresh JVM measuring code the JIT has
   * not compiled yet, now and then (docs/statistics.md).
   */
  public boolean measuresTime() {
    return mode != Mode.SIM && declared.stream().anyMatch(TimeSensitiveMetrics::isTimeOrScheduling);
  }

  public RunConfiguration configuration() {
    return new RunConfiguration(mode.id(), warmup, iterations, opsPerInvocation, forks);
  }

  /**
   * Reads and validates the annotations of {@code method}.
   *
   * @param settings the {@code countersign.*} settings (overrides of the annotation)
   * @throws InvalidPerfTestException listing every problem found, each with what to do
   */
  public static PerfTestSpec of(Method method, Settings settings) {
    PerfTest pt = method.getAnnotation(PerfTest.class);
    if (pt == null) {
      throw new InvalidPerfTestException(method + " is not annotated with @PerfTest");
    }
    List<String> problems = new ArrayList<>();
    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();

    Mode mode = Mode.AUTO;
    try {
      mode = Mode.parse(settings.string(Settings.MODE).orElse(pt.mode()));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    int warmup = intSetting(settings, Settings.WARMUP, pt.warmup(), problems);
    int iterations = intSetting(settings, Settings.ITERATIONS, pt.iterations(), problems);
    int forks = intSetting(settings, Settings.FORKS, pt.forks(), problems);
    if (warmup < 0) {
      problems.add("warmup is " + warmup + "; it must be 0 or more");
    }
    if (iterations < 1) {
      problems.add("iterations is " + iterations + "; at least 1 measured iteration is needed"
          + " (20 or more for a useful comparison)");
    }
    if (forks < 1) {
      problems.add("forks is " + forks + "; it must be 1 or more");
    }
    if (pt.opsPerInvocation() < 1) {
      problems.add("opsPerInvocation is " + pt.opsPerInvocation() + "; it must be 1 or more");
    }

    Map<String, EventSpec> events = new LinkedHashMap<>();
    Map<String, EventSpec> derived = new LinkedHashMap<>();
    List<Budget> budgets = new ArrayList<>();
    List<RegressionLimit> limits = new ArrayList<>();

    for (CounterBudget b : method.getAnnotationsByType(CounterBudget.class)) {
      EventSpec e = event(b.event(), "@CounterBudget", events, derived, problems);
      if (checkLimit("@CounterBudget(event = \"" + b.event() + "\") perOp", b.perOp(), problems)
          && e != null) {
        budgets.add(new Budget(e.qualifiedName(), b.perOp()));
      }
    }
    for (VmExitBudget b : method.getAnnotationsByType(VmExitBudget.class)) {
      String name = VmExitMetric.exits(b.host(), modelReason(b.reason())).name();
      boolean perOp = b.perOp() >= 0;
      boolean total = b.total() >= 0;
      String what = "@VmExitBudget(reason = " + b.reason() + ", host = \"" + b.host() + "\")";
      if (perOp == total) {
        problems.add(what + " must set exactly one of perOp and total (both non-negative)");
        continue;
      }
      if (Double.isNaN(b.perOp()) || Double.isNaN(b.total())) {
        problems.add(what + " has a NaN limit");
        continue;
      }
      EventSpec e = event(name, "@VmExitBudget", events, derived, problems);
      if (e != null) {
        double limit = perOp ? b.perOp() : b.total() / Math.max(1, pt.opsPerInvocation());
        budgets.add(new Budget(name, limit));
      }
    }
    for (MaxRegression r : method.getAnnotationsByType(MaxRegression.class)) {
      EventSpec e = event(r.event(), "@MaxRegression", events, derived, problems);
      if (checkLimit("@MaxRegression(event = \"" + r.event() + "\") percent", r.percent(), problems)
          && e != null) {
        limits.add(new RegressionLimit(e.qualifiedName(), r.percent()));
      }
    }
    for (String name : pt.events()) {
      event(name, "@PerfTest(events)", events, derived, problems);
    }
    if (events.isEmpty() && derived.isEmpty()) {
      for (String name : EventCatalog.defaultEvents(mode == Mode.SIM)) {
        event(name, "default", events, derived, problems);
      }
    }
    Set<String> declared = new java.util.LinkedHashSet<>(events.keySet());
    declared.addAll(derived.keySet());
    for (String host : settings.vmexitHosts()) {
      event(VmExitMetric.exits(host, VmExitReason.ANY).name(), "setting " + Settings.VMEXIT_HOSTS,
          events, derived, problems);
    }
    checkHosts(derived.values(), settings, problems);
    List<Pattern> threads = new ArrayList<>();
    for (String t : pt.threads()) {
      try {
        threads.add(Pattern.compile(t));
      } catch (PatternSyntaxException e) {
        problems.add("@PerfTest(threads) pattern '" + t + "' is not a valid regular expression: "
            + e.getDescription());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPerfTestException(
          "invalid @PerfTest " + where + ":\n  - " + String.join("\n  - ", problems));
    }
    return new PerfTestSpec(mode, warmup, iterations, pt.opsPerInvocation(), forks,
        List.copyOf(events.values()), List.copyOf(derived.values()), budgets, limits, threads,
        Set.copyOf(declared));
  }

  private static EventSpec event(String name, String where, Map<String, EventSpec> events,
      Map<String, EventSpec> derived, List<String> problems) {
    try {
      EventSpec e = EventCatalog.parse(name);
      (e.kind() == EventKind.VMEXIT ? derived : events).putIfAbsent(e.qualifiedName(), e);
      return e;
    } catch (UnknownEventException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
  }

  /** Every VM-exit metric must name a known host profile (built-in or the user's file). */
  private static void checkHosts(Iterable<EventSpec> derived, Settings settings,
      List<String> problems) {
    if (!derived.iterator().hasNext()) {
      return;
    }
    try {
      HostProfiles hosts = HostProfiles.standard(settings);
      for (EventSpec d : derived) {
        String host = HostProfiles.hostOfMetric(d.name());
        if (!hosts.contains(host)) {
          problems.add(d.name() + ": " + hosts.unknownHostMessage(host));
        }
      }
    } catch (InvalidHostProfileException e) {
      problems.add("a host profile cannot be read: " + e.getMessage());
    }
  }

  private static boolean checkLimit(String what, double v, List<String> problems) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
      problems.add(what + " is " + v + "; it must be a finite number ≥ 0");
      return false;
    }
    return true;
  }

  private static int intSetting(
      Settings settings, String key, int fallback, List<String> problems) {
    try {
      return settings.integer(key, fallback);
    } catch (InvalidSettingException e) {
      problems.add(e.getMessage());
      return fallback;
    }
  }

  /**
   * The model's reason for an annotation's: the public {@link ExitReason} and the model's {@link
   * VmExitReason} have the same constants in the same order (ExitReasonMappingTest).
   */
  static VmExitReason modelReason(ExitReason reason) {
    return VmExitReason.valueOf(reason.name());
  }
}
