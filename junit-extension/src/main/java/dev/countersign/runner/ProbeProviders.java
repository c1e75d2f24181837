package dev.countersign.runner;

import dev.countersign.jvm.JvmProbeProvider;
import dev.countersign.perf.PerfEventProbeProvider;
import dev.countersign.settings.Settings;
import dev.countersign.sim.SimProbeProvider;
import dev.countersign.vmexit.HostProfiles;
import dev.countersign.vmexit.VmExitDeriver;
import java.util.List;

/** The providers consulted for each mode, in order of preference, and the derivers. */
public final class ProbeProviders {

  private ProbeProviders() {}

  /**
   * Providers in the order they are asked; the first that can measure an event gets it. In
   * {@code auto}, the kernel first, then the JVM, then the simulator (real counts beat modelled
   * ones); in {@code sim}, the simulator first so its deterministic counts win.
   */
  public static List<ProbeProvider> chain(Mode mode) {
    return chain(mode, Settings.systemProperties());
  }

  /** {@link #chain(Mode)} with the simulator's profile from {@code settings}. */
  public static List<ProbeProvider> chain(Mode mode, Settings settings) {
    return switch (mode) {
      case AUTO -> List.of(new PerfEventProbeProvider(), new JvmProbeProvider(),
          new SimProbeProvider(settings));
      case PERF -> List.of(new PerfEventProbeProvider(), new JvmProbeProvider());
      case SIM -> List.of(new SimProbeProvider(settings), new JvmProbeProvider());
    };
  }

  /** The simulator alone: what a test's plain pass left to the instrumented JVM. */
  public static List<ProbeProvider> simulatorOnly(Settings settings) {
    return List.of(new SimProbeProvider(settings));
  }

  /** Derivers of computed metrics. */
  public static List<MetricDeriver> derivers() {
    return derivers(Settings.systemProperties());
  }

  /** Derivers of computed metrics, with the user's host profiles from {@code settings}. */
  public static List<MetricDeriver> derivers(Settings settings) {
    return List.of(new VmExitDeriver(() -> HostProfiles.standard(settings)));
  }
}
