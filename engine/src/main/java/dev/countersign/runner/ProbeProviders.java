package dev.countersign.runner;

import dev.countersign.settings.Settings;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The providers consulted for each mode, in order of preference, and the derivers. Both are
 * plug-ins found by {@link ServiceLoader} ({@link ProbeProviderFactory}, {@link
 * MetricDeriverFactory}); the order of the providers is fixed here, per mode.
 */
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
    List<ProbeFamily> order = switch (mode) {
      case AUTO -> List.of(ProbeFamily.PERF_EVENT, ProbeFamily.JVM, ProbeFamily.SIMULATOR);
      case PERF -> List.of(ProbeFamily.PERF_EVENT, ProbeFamily.JVM);
      case SIM -> List.of(ProbeFamily.SIMULATOR, ProbeFamily.JVM);
    };
    return order.stream().map(family -> provider(family, settings)).toList();
  }

  /** The simulator alone: what a test's plain pass left to the instrumented JVM. */
  public static List<ProbeProvider> simulatorOnly(Settings settings) {
    return List.of(provider(ProbeFamily.SIMULATOR, settings));
  }

  private static ProbeProvider provider(ProbeFamily family, Settings settings) {
    ProbeProviderFactory f = Plugins.PROVIDERS.get(family);
    if (f == null) {
      throw new IllegalStateException("no " + ProbeProviderFactory.class.getName() + " for "
          + family + " on the class path: countersign-engine's META-INF/services is missing"
          + " (a repackaged jar must merge service files, e.g. the shade plugin's"
          + " ServicesResourceTransformer)");
    }
    return f.create(settings);
  }

  /** Derivers of computed metrics. */
  public static List<MetricDeriver> derivers() {
    return derivers(Settings.systemProperties());
  }

  /** Derivers of computed metrics, with the user's host profiles from {@code settings}. */
  public static List<MetricDeriver> derivers(Settings settings) {
    return Plugins.DERIVERS.stream().map(f -> f.create(settings)).toList();
  }

  /** The plug-ins on this class path, loaded once (immutable). */
  private static final class Plugins {
    static final Map<ProbeFamily, ProbeProviderFactory> PROVIDERS = providers();
    // derivers compute disjoint metrics; sorted by class name so their order never depends on
    // the order of jars on the class path
    static final List<MetricDeriverFactory> DERIVERS =
        ServiceLoader.load(MetricDeriverFactory.class, ProbeProviders.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(f -> f.getClass().getName())).toList();

    private static Map<ProbeFamily, ProbeProviderFactory> providers() {
      Map<ProbeFamily, ProbeProviderFactory> m = new EnumMap<>(ProbeFamily.class);
      for (ProbeProviderFactory f : ServiceLoader.load(ProbeProviderFactory.class,
          ProbeProviders.class.getClassLoader())) {
        ProbeProviderFactory twice = m.putIfAbsent(f.family(), f);
        if (twice != null && twice.getClass() != f.getClass()) {
          throw new IllegalStateException("two providers of " + f.family() + " on the class path: "
              + twice.getClass().getName() + " and " + f.getClass().getName());
        }
      }
      return Map.copyOf(m);
    }
  }
}
