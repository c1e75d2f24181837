package dev.countersign.maven;

import dev.countersign.settings.Settings;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Adds {@code -javaagent:<countersign-junit jar>=<options>} to the {@code argLine} property, so
 * that Surefire starts the test JVM with the simulator attached (as JaCoCo's goal of the same
 * name does). What the property already holds is kept after the agent.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {

  static final String AGENT_ARTIFACT = "dev.countersign:countersign-junit";

  @Parameter(property = Settings.SKIP, defaultValue = "false")
  boolean skip;

  /** The property to set; Surefire and Failsafe read {@code argLine}. */
  @Parameter(property = Settings.PROPERTY_NAME, defaultValue = "argLine")
  String propertyName;

  /**
   * Class-name patterns to instrument ({@code com.example.*}); default: every class loaded from
   * the module's own output directories.
   */
  @Parameter(property = Settings.INCLUDES)
  List<String> includes;

  /** Class-name patterns never to instrument. */
  @Parameter(property = Settings.EXCLUDES)
  List<String> excludes;

  @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
  Map<String, Artifact> pluginArtifactMap;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Override
  public void execute() throws MojoExecutionException {
    Properties props = project.getProperties();
    String existing = props.getProperty(propertyName, "");
    if (skip) {
      getLog().info("Countersign prepare-agent skipped (countersign.skip)");
      props.setProperty(propertyName, existing);
      return;
    }
    Artifact agent = pluginArtifactMap.get(AGENT_ARTIFACT);
    if (agent == null || agent.getFile() == null) {
      throw new MojoExecutionException("the agent jar " + AGENT_ARTIFACT
          + " is not among the plugin's dependencies; check the plugin's version");
    }
    if (agent.getFile().isDirectory()) {
      // a reactor build that stops before 'package' resolves the module to target/classes, which
      // -javaagent cannot load: the test JVM would not start
      getLog().warn("the agent " + AGENT_ARTIFACT + " resolved to the directory " + agent.getFile()
          + " (reactor build before 'package'): the simulator is not attached and simulated"
          + " metrics will be unavailable; run 'mvn verify' so that the agent jar exists");
      props.setProperty(propertyName, existing);
      return;
    }
    String arg = agentArgument(agent.getFile(), options());
    String value = existing.isBlank() ? arg : arg + " " + existing.strip();
    props.setProperty(propertyName, value);
    getLog().info(propertyName + " set to " + value);
  }

  /** The agent options: {@code classDirs=<dirs separated by the path separator>[,includes=..][,excludes=..]}. */
  String options() {
    List<String> opts = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    dirs.add(project.getBuild().getOutputDirectory());
    dirs.add(project.getBuild().getTestOutputDirectory());
    opts.add("classDirs=" + String.join(File.pathSeparator, dirs));
    if (includes != null && !includes.isEmpty()) {
      opts.add("includes=" + String.join(":", includes));
    }
    if (excludes != null && !excludes.isEmpty()) {
      opts.add("excludes=" + String.join(":", excludes));
    }
    return String.join(",", opts);
  }

  static String agentArgument(File jar, String options) {
    String arg = "-javaagent:" + jar.getAbsolutePath() + "=" + options;
    return arg.contains(" ") ? "\"" + arg + "\"" : arg;
  }
}
