package dev.countersign.sim;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventSpec;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.ProbeFamily;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeProviderFactory;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.Counter;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.SimRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Offers the events the simulator models, measured by a {@link SimProbe} over the agent's
 * thread-local machine model with the CPU profile of setting {@value
 * Settings#SIM_PROFILE} (default {@link CpuProfile#zen4Server()}). Without the agent every such
 * event is unavailable with error {@code NO_AGENT} and the remedy.
 */
public final class SimProbeProvider implements ProbeProvider {

  private final BooleanSupplier agentPresent;
  private final Settings settings;

  /** A provider that checks whether the agent's instrumentation is present in this JVM. */
  public SimProbeProvider() {
    this(Settings.systemProperties());
  }

  /** A provider with the CPU profile of {@link Settings#SIM_PROFILE} in {@code settings}. */
  public SimProbeProvider(Settings settings) {
    this(SimRuntime::installed, settings);
  }

  SimProbeProvider(BooleanSupplier agentPresent) {
    this(agentPresent, Settings.systemProperties());
  }

  SimProbeProvider(BooleanSupplier agentPresent, Settings settings) {
    this.agentPresent = agentPresent;
    this.settings = settings;
  }

  /** Event name to the counter it reads, for every event the simulator models. */
  public static final Map<String, Counter> EVENTS = events();

  private static Map<String, Counter> events() {
    Map<String, Counter> m = new LinkedHashMap<>();
    m.put("instructions", Counter.INSTRUCTIONS);
    m.put("cycles", Counter.CYCLES);
    m.put("branches", Counter.BRANCHES);
    m.put("branch-misses", Counter.BRANCH_MISSES);
    m.put("L1-dcache-loads", Counter.L1D_LOADS);
    m.put("L1-dcache-load-misses", Counter.L1D_LOAD_MISSES);
    m.put("LLC-loads", Counter.LLC_LOADS);
    m.put("LLC-load-misses", Counter.LLC_LOAD_MISSES);
    m.put("cache-references", Counter.LLC_LOADS);
    m.put("cache-misses", Counter.LLC_LOAD_MISSES);
    m.put("dTLB-loads", Counter.DTLB_LOADS);
    m.put("dTLB-load-misses", Counter.DTLB_LOAD_MISSES);
    m.put("alloc-bytes", Counter.ALLOC_BYTES);
    m.put("page-faults", Counter.PAGES_FIRST_TOUCHED);
    m.put("minor-faults", Counter.PAGES_FIRST_TOUCHED);
    return Map.copyOf(m);
  }

  @Override
  public ProbeOffer open(List<EventSpec> events, ProbeRequest request) {
    List<EventSpec> modelled = events.stream()
        .filter(e -> e.filter().isEmpty() && EVENTS.containsKey(e.name()))
        .toList();
    if (modelled.isEmpty()) {
      return ProbeOffer.none();
    }
    if (!agentPresent.getAsBoolean()) {
      String problem = SimRuntime.agentProblem();
      String reason = problem != null
          ? "the simulator's agent is attached but off: " + problem
          : "the simulator's agent is not attached to this JVM";
      String remedy = problem != null
          ? "fix the -javaagent options (" + dev.countersign.sim.agent.AgentOptions.SYNTAX + ")"
          : "add the countersign:prepare-agent goal to the pom (it puts -javaagent into Surefire's"
              + " argLine), or start the JVM with -javaagent:<countersign-agent jar>";
      List<UnavailableMetric> unavailable = new ArrayList<>();
      for (EventSpec e : modelled) {
        unavailable.add(new UnavailableMetric(e.name(), Source.SIM, ErrorCode.NO_AGENT, reason, remedy));
      }
      return new ProbeOffer(Optional.empty(), unavailable);
    }
    CpuProfile profile;
    try {
      profile = CpuProfile.named(settings.simProfile().orElse(null));
    } catch (IllegalArgumentException e) {
      List<UnavailableMetric> unavailable = new ArrayList<>();
      for (EventSpec e2 : modelled) {
        unavailable.add(new UnavailableMetric(e2.name(), Source.SIM, ErrorCode.UNSUPPORTED, e.getMessage(),
            "set " + Settings.SIM_PROFILE + " to a valid profile or remove it"));
      }
      return new ProbeOffer(Optional.empty(), unavailable);
    }
    return new ProbeOffer(Optional.of(new SimProbe(modelled, profile)), List.of());
  }

  /** Found by {@link java.util.ServiceLoader}: the simulator, with the CPU profile of the settings. */
  public static final class Factory implements ProbeProviderFactory {
    @Override
    public ProbeFamily family() {
      return ProbeFamily.SIMULATOR;
    }

    @Override
    public ProbeProvider create(Settings settings) {
      return new SimProbeProvider(settings);
    }
  }
}
