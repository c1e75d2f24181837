package dev.countersign.runner;

import dev.countersign.settings.Settings;

/**
 * Makes the {@link ProbeProvider} of one {@link ProbeFamily}. Implementations are found by {@link
 * java.util.ServiceLoader} (listed in {@code META-INF/services/dev.countersign.runner.ProbeProviderFactory}),
 * so the runner does not import its plug-ins; {@link ProbeProviders} orders them.
 */
public interface ProbeProviderFactory {

  /** The family this factory provides; exactly one factory per family may be on the class path. */
  ProbeFamily family();

  /** A provider reading its options from {@code settings}. */
  ProbeProvider create(Settings settings);
}
