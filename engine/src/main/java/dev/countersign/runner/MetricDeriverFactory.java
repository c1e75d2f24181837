package dev.countersign.runner;

import dev.countersign.settings.Settings;

/**
 * Makes a {@link MetricDeriver}. Implementations are found by {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.countersign.runner.MetricDeriverFactory}), so the runner
 * does not import its plug-ins.
 */
public interface MetricDeriverFactory {

  /** A deriver reading its options from {@code settings}. */
  MetricDeriver create(Settings settings);
}
