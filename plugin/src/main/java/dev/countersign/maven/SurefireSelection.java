package dev.countersign.maven;

import dev.countersign.compare.Checkout;
import dev.countersign.compare.CompareException;
import dev.countersign.compare.Side;
import dev.countersign.compare.TestSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A module's Surefire selection ({@link TestSelection}) read from its effective POM (a {@link
 * MavenProject} as Maven built it): the test source directory and the {@code <includes>}/{@code
 * <excludes>} of Surefire's {@code default-test} execution (which holds the plugin-level
 * configuration, parents and {@code pluginManagement} merged, properties interpolated), else of
 * the plugin, each with the patterns of its {@code <includesFile>}/{@code <excludesFile>}
 * appended (a path relative to the module's directory, as Surefire resolves it).
 */
final class SurefireSelection {

  private static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";

  private SurefireSelection() {}

  /**
   * Per side, the selection of that side's own POM: B's from this build's project, A's from the
   * project {@code atBase} builds from A's checkout, so a change of the includes between the two
   * revisions is followed.
   */
  static Map<Side, TestSelection> of(MavenProject project, Map<Side, Checkout> sides,
      Function<Checkout, MavenProject> atBase) {
    Map<Side, TestSelection> out = new EnumMap<>(Side.class);
    sides.forEach((side, c) -> out.put(side, of(side == Side.B ? project : atBase.apply(c))));
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
    Path basedir = project.getBasedir().toPath();
    return new TestSelection(Path.of(project.getBuild().getTestSourceDirectory()),
        patterns(config, "includes", "includesFile", basedir),
        patterns(config, "excludes", "excludesFile", basedir));
  }

  /** The configured list, then the patterns of the file (Surefire appends them). */
  private static List<String> patterns(Xpp3Dom config, String list, String file, Path basedir) {
    List<String> out = new ArrayList<>();
    Xpp3Dom parent = config == null ? null : config.getChild(list);
    if (parent != null) {
      for (Xpp3Dom item : parent.getChildren()) {
        if (item.getValue() != null) {
          out.add(item.getValue());
        }
      }
    }
    Xpp3Dom path = config == null ? null : config.getChild(file);
    if (path != null && path.getValue() != null && !path.getValue().isBlank()) {
      try {
        out.addAll(TestSelection.patternFile(basedir.resolve(path.getValue().strip())));
      } catch (CompareException e) {
        throw new CompareException("the Surefire <" + file + "> of " + basedir + ": "
            + e.getMessage(), e);
      }
    }
    return out;
  }
}
