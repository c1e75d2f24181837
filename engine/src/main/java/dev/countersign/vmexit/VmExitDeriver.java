package dev.countersign.vmexit;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.events.VmExitMetric;
import dev.countersign.events.VmExitReason;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.results.VmExitFeed;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.MetricDeriver;
import dev.countersign.runner.MetricDeriverFactory;
import dev.countersign.runner.Mode;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Derives {@code vmexit.<host>.<REASON>} metrics with the {@link VmExitModel}. For every host a
 * test names, it writes every reason (and {@code ANY}) per op, plus {@code
 * vmexit.<host>.overhead-ns} (exits × the profile's per-reason cost, ns per op); a reason that
 * cannot be estimated is unavailable with why, never zero. Source {@code model}.
 *
 * <p>Feeds: in mode {@code sim} the simulator's {@link GuestActivity} per invocation; in {@code
 * perf} the tracepoint counts of {@link PerfFeed}; in {@code auto} the perf feed when all its
 * tracepoints were measured, else the simulator's activity when the agent gave one, else what the
 * perf feed has (the reasons it cannot see are unavailable).
 */
public final class VmExitDeriver implements MetricDeriver {

  /** The event that opens the simulator's probe: it models first touches as page faults. */
  static final String SIM_TRIGGER = "page-faults";

  private final Supplier<HostProfiles> profiles;
  private final VmExitModel model = new VmExitModel();
  private final PerfFeed perfFeed;

  /** A deriver over the built-in profiles and the user's (see {@link HostProfiles#standard()}). */
  public VmExitDeriver() {
    this(HostProfiles::standard);
  }

  /** A deriver over the given profiles, read when first needed, and this guest's perf feed. */
  public VmExitDeriver(Supplier<HostProfiles> profiles) {
    this(profiles, new PerfFeed());
  }

  VmExitDeriver(Supplier<HostProfiles> profiles, PerfFeed perfFeed) {
    this.profiles = profiles;
    this.perfFeed = perfFeed;
  }

  @Override
  public boolean derives(EventSpec metric) {
    return metric.kind() == EventKind.VMEXIT;
  }

  /**
   * In {@code perf}, the tracepoints of the {@link PerfFeed}; in {@code sim}, {@code page-faults}
   * (first touches), which makes the simulator's probe run and report its guest activity; in
   * {@code auto}, both.
   */
  @Override
  public List<EventSpec> inputs(List<EventSpec> derived, Mode mode) {
    if (derived.isEmpty()) {
      return List.of();
    }
    List<EventSpec> inputs = new ArrayList<>();
    if (mode != Mode.SIM) {
      inputs.addAll(perfFeed.inputs());
    }
    if (mode != Mode.PERF) {
      inputs.add(EventCatalog.parse(SIM_TRIGGER));
    }
    return inputs;
  }

  @Override
  public Derivation derive(List<EventSpec> derived, Measurement measurement) {
    Map<String, List<EventSpec>> byHost = new LinkedHashMap<>();
    for (EventSpec d : derived) {
      byHost.computeIfAbsent(hostOf(d), h -> new ArrayList<>()).add(d);
    }
    List<MetricSeries> series = new ArrayList<>();
    List<UnavailableMetric> unavailable = new ArrayList<>();
    Optional<ObservedActivity> observed = observe(measurement);
    HostProfiles known = profiles.get();
    for (Map.Entry<String, List<EventSpec>> e : byHost.entrySet()) {
      String host = e.getKey();
      if (!known.contains(host)) {
        for (EventSpec d : e.getValue()) {
          unavailable.add(new UnavailableMetric(d.name(), Source.MODEL, ErrorCode.UNSUPPORTED,
              known.unknownHostMessage(host), "use one of the listed host names"));
        }
        continue;
      }
      if (observed.isEmpty()) {
        String why = inputProblems(measurement);
        List<String> names = new ArrayList<>();
        for (VmExitReason r : VmExitReason.values()) {
          names.add(VmExitMetric.exits(host, r).name());
        }
        names.add(overheadName(host));
        for (String name : names) {
          unavailable.add(new UnavailableMetric(name, Source.MODEL,
              why.isEmpty() ? ErrorCode.NO_AGENT : ErrorCode.BLIND,
              "no guest activity was observed: " + (why.isEmpty()
                  ? "neither the simulator's agent nor a tracepoint input ran in this measurement"
                  : why),
              "run 'mvn countersign:doctor', or use mode sim with the agent (prepare-agent)"));
        }
        continue;
      }
      deriveHost(known.get(host), observed.get(), measurement.opsPerInvocation(), series,
          unavailable);
    }
    return new Derivation(series, unavailable);
  }

  /**
   * The perf feed when it observed every cause tracepoints can see; else the simulator's activity
   * when the agent gave one; else whatever the perf feed has.
   */
  private Optional<ObservedActivity> observe(Measurement m) {
    Optional<ObservedActivity> perf = perfFeed.hasAnyInput(m)
        ? Optional.of(perfFeed.observe(m)) : Optional.empty();
    boolean perfComplete = perf.isPresent()
        && perf.get().unobserved().keySet().equals(PerfFeed.UNOBSERVABLE.keySet());
    if (!perfComplete && !m.guestActivity().isEmpty()) {
      return Optional.of(new ObservedActivity(VmExitFeed.SIM, m.guestActivity(), Map.of()));
    }
    return perf;
  }

  private void deriveHost(HostProfile host, ObservedActivity observed, long ops,
      List<MetricSeries> series, List<UnavailableMetric> unavailable) {
    Map<VmExitReason, List<Double>> perReason = new EnumMap<>(VmExitReason.class);
    List<Double> overhead = new ArrayList<>();
    Map<VmExitReason, String> unknown = Map.of();
    for (GuestActivity a : observed.perInvocation()) {
      ExitEstimate est = model.estimate(a, host, observed.unobserved());
      unknown = est.unknown();
      est.exits().forEach(
          (r, n) -> perReason.computeIfAbsent(r, k -> new ArrayList<>()).add(n / ops));
      est.overheadNs().ifPresent(ns -> overhead.add(ns / ops));
    }
    for (VmExitReason r : VmExitReason.values()) {
      String name = VmExitMetric.exits(host.name(), r).name();
      List<Double> values = perReason.get(r);
      if (values != null) {
        series.add(new MetricSeries(name, Source.MODEL, "count", values, List.of(), List.of(),
            null, observed.feed()));
      } else {
        unavailable.add(new UnavailableMetric(name, Source.MODEL, ErrorCode.BLIND,
            "the " + observed.feed().id() + " feed cannot estimate " + r + " on " + host.name() + ": "
                + unknown.getOrDefault(r, "no invocation was measured"),
            "use mode sim with the agent for the causes tracepoints cannot see"));
      }
    }
    String overheadName = overheadName(host.name());
    if (!overhead.isEmpty()) {
      series.add(new MetricSeries(overheadName, Source.MODEL, "ns", overhead, List.of(),
          List.of(), null, observed.feed()));
    } else {
      unavailable.add(new UnavailableMetric(overheadName, Source.MODEL, ErrorCode.BLIND,
          "the overhead needs every exit reason; unknown: " + unknown.keySet(), ""));
    }
  }

  private static String overheadName(String host) {
    return VmExitMetric.overhead(host).name();
  }

  /** Why the inputs this deriver asked for were not measured, as recorded by the runner. */
  private String inputProblems(Measurement m) {
    List<String> names = new ArrayList<>();
    perfFeed.inputs().forEach(e -> names.add(e.qualifiedName()));
    names.add(SIM_TRIGGER);
    List<String> problems = new ArrayList<>();
    for (UnavailableMetric u : m.unavailable()) {
      if (names.contains(u.name())) {
        problems.add(u.name() + " " + u.describe());
      }
    }
    return String.join("; ", problems);
  }

  private static String hostOf(EventSpec vmexitMetric) {
    return HostProfiles.hostOfMetric(vmexitMetric.name());
  }

  /** Found by {@link java.util.ServiceLoader}: the VM-exit model over the settings' host profiles. */
  public static final class Factory implements MetricDeriverFactory {
    @Override
    public MetricDeriver create(Settings settings) {
      return new VmExitDeriver(() -> HostProfiles.standard(settings));
    }
  }
}
