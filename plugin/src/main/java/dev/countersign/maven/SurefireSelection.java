package dev.countersign.maven;

import dev.countersign.compare.Checkout;
import dev.countersign.compare.Side;
import dev.countersign.compare.TestSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A module's Surefire selection ({@link TestSelection}) read from its effective POM (the {@link
 * MavenProject} Maven built for this goal): the test source directory and the {@code
 * <includes>}/{@code <excludes>} of Surefire's {@code default-test} execution (which holds the
 * plugin-level configuration, parents and {@code pluginManagement} merged, properties
 * interpolated), else of the plugin.
 */
final class SurefireSelection {

  private static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";

  private SurefireSelection() {}

  /**
   * Per side, the selection: this module's includes and excludes (B's, the working tree's POM)
   * over each side's test source directory at the same place in its checkout.
   */
  static Map<Side, TestSelection> of(MavenProject project, Map<Side, Checkout> sides) {
    TestSelection here = of(project);
    Path relative = project.getBasedir().toPath().toAbsolutePath()
        .relativize(here.testSources().toAbsolutePath());
    Map<Side, TestSelection> out = new EnumMap<>(Side.class);
    sides.forEach((side, c) -> out.put(side, new TestSelection(
        c.moduleDir().resolve(relative.toString()), here.includes(), here.excludes())));
    return out;
  }

  static TestSelection of(MavenProject project) {
    Plugin surefire = project.getBuild().getPluginsAsMap().get(SUREFIRE);
    Xpp3Dom config = null;
    if (surefire != null) {
      config = (Xpp3Dom) surefire.getConfiguration();
      for (PluginExecution e : surefire.getExecutions()) {
        if (e.getId().equals("default-test") && e.getConfiguration() != null) {
          config = (Xpp3Dom) e.getConfiguration();
        }
      }
    }
    return new TestSelection(Path.of(project.getBuild().getTestSourceDirectory()),
        values(config, "includes"), values(config, "excludes"));
  }

  private static List<String> values(Xpp3Dom config, String list) {
    List<String> out = new ArrayList<>();
    Xpp3Dom parent = config == null ? null : config.getChild(list);
    if (parent != null) {
      for (Xpp3Dom item : parent.getChildren()) {
        if (item.getValue() != null) {
          out.add(item.getValue());
        }
      }
    }
    return out;
  }
}
