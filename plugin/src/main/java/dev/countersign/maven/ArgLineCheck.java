package dev.countersign.maven;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether Surefire's and Failsafe's {@code <argLine>} keep the property {@code prepare-agent} sets.
 * An {@code <argLine>} that does not refer to it replaces it, and the test JVM starts with neither
 * the agent nor the build id; {@code check} finds that out only after the tests ran, so {@code
 * prepare-agent} says it before they start.
 */
final class ArgLineCheck {

  private static final List<String> TEST_PLUGINS = List.of(
      "org.apache.maven.plugins:maven-surefire-plugin",
      "org.apache.maven.plugins:maven-failsafe-plugin");

  private static final Pattern LATE_PROPERTY = Pattern.compile("@\\{([^}]+)}");

  private ArgLineCheck() {}

  /**
   * A warning for each test plugin configuration whose {@code <argLine>} does not contain
   * {@code @{propertyName}} or {@code ${propertyName}}.
   */
  static List<String> problems(List<Plugin> buildPlugins, String propertyName) {
    List<String> problems = new ArrayList<>();
    for (Plugin plugin : buildPlugins) {
      if (!TEST_PLUGINS.contains(plugin.getKey())) {
        continue;
      }
      String own = argLine(plugin.getConfiguration());
      problem(plugin.getArtifactId(), own, propertyName).ifPresent(problems::add);
      for (PluginExecution e : plugin.getExecutions()) {
        String inExecution = argLine(e.getConfiguration());
        // the effective model copies the plugin's configuration into each execution
        if (inExecution != null && !inExecution.equals(own)) {
          problem(plugin.getArtifactId() + " (execution " + e.getId() + ")", inExecution,
              propertyName).ifPresent(problems::add);
        }
      }
    }
    return problems;
  }

  private static String argLine(Object configuration) {
    return configuration instanceof Xpp3Dom dom && dom.getChild("argLine") != null
        ? dom.getChild("argLine").getValue() : null;
  }

  private static Optional<String> problem(String where, String argLine, String propertyName) {
    if (argLine == null || argLine.contains("@{" + propertyName + "}")
        || argLine.contains("${" + propertyName + "}")) {
      return Optional.empty();
    }
    Set<String> used = new LinkedHashSet<>();
    Matcher m = LATE_PROPERTY.matcher(argLine);
    while (m.find()) {
      used.add(m.group(1));
    }
    String fix = used.isEmpty()
        ? "Write it as <argLine>@{" + propertyName + "} " + argLine.strip() + "</argLine>."
        : "Write @{" + propertyName + "} into it, or set the <propertyName> of Countersign's"
            + " prepare-agent to the property it already reads (" + String.join(", ", used)
            + "), as for JaCoCo.";
    return Optional.of(where + "'s <argLine>" + argLine.strip() + "</argLine> does not contain @{"
        + propertyName + "}, which prepare-agent sets: its test JVM will run without the"
        + " simulator agent and the build id, and check will fail the build. " + fix);
  }
}
