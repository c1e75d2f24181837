package dev.countersign.junit;

import dev.countersign.settings.Settings;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code countersign.*} settings of a test, read through JUnit's configuration parameters:
 * Surefire's {@code configurationParameters} (and other explicit launcher parameters), then
 * system properties, then {@code junit-platform.properties}, in JUnit's order of precedence.
 */
final class JUnitSettings {

  private JUnitSettings() {}

  static Settings of(ExtensionContext context) {
    return Settings.of(key -> context.getConfigurationParameter(key).orElse(null),
        "JUnit configuration parameter (or system property)");
  }
}
