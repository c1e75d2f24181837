package dev.countersign.maven;

import dev.countersign.results.BuildId;
import dev.countersign.results.CountersignFileException;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.settings.Settings;
import dev.countersign.sim.agent.AgentOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Adds {@code -javaagent:<countersign-agent jar>=<options>} to the {@code argLine} property, so
 * that Surefire starts the test JVM with the simulator attached (as JaCoCo's goal of the same
 * name does). What the property already holds is kept after the agent.
 *
 * <p>It also starts this build: it mints the build id ({@code countersign.buildId}; one per Maven
 * session, unless given), passes it to the test JVMs in the same property ({@code
 * -Dcountersign.buildId=...}), and creates the build's folder under the results directory, so
 * that {@code check} and {@code baseline} act on this build's results only.
 *
 * <p>When {@code check} runs later in the same build and fails it on a broken budget, it adds
 * {@code -Dcountersign.deferBudgets=true} too: a broken absolute budget then fails the build at
 * {@code check}, after the verdict table and the report, instead of stopping it in Surefire.
 *
 * <p>It also checks that the JUnit jars of the test class path are one release ({@link
 * JUnitAlignment}) and fails with the versions found and the fix when they are not: JUnit would
 * fail at discovery with a message that hides the cause.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true,
    requiresDependencyCollection = ResolutionScope.TEST)
public class PrepareAgentMojo extends CountersignMojo {

  static final String AGENT_ARTIFACT = "dev.countersign:countersign-agent";

  static final String PLUGIN_KEY = "dev.countersign:countersign-maven-plugin";

  /**
   * Lets the test JVM's unnamed module call native code without the warning JDK 22+ prints once per
   * JVM when JNA or the FFM binding first loads (docs/perf-engine.md); JDK 17 to 21 accept the
   * option and change nothing.
   */
  static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

  /**
   * Project property: the options this goal added to the argLine property, one per line. A goal
   * that forks the lifecycle (javadoc:javadoc, source:jar) runs prepare-agent again in the same
   * project; it takes them out first, so the JVMs started after the fork (Failsafe's) do not get
   * the agent twice.
   */
  static final String ADDED = "countersign.prepareAgent.added";

  /** The property to set; Surefire and Failsafe read {@code argLine}. */
  @Parameter(property = Settings.PROPERTY_NAME, defaultValue = "argLine")
  String propertyName;

  /**
   * Class-name patterns to instrument ({@code com.example.*}) besides the module's own classes:
   * narrows what the simulator counts to these and the module. Default: everything the test JVM
   * runs — the module, its dependency jars and the JDK — except the test framework, the build
   * tool and Countersign (docs/simulator.md).
   */
  @Parameter(property = Settings.INCLUDES)
  List<String> includes;

  /** Class-name patterns never to instrument. */
  @Parameter(property = Settings.EXCLUDES)
  List<String> excludes;

  /** Directory of the results; each build writes into a folder of its own under it. */
  @Parameter(property = Settings.RESULTS_DIR, defaultValue = "${project.build.directory}/countersign/results")
  File resultsDir;

  /** This build's id; default: minted from the session's start time and Maven's process id. */
  @Parameter(property = Settings.BUILD_ID)
  String buildId;

  @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
  Map<String, Artifact> pluginArtifactMap;

  /** Phases at or after {@code verify}, where {@code check} runs by default. */
  private static final Set<String> VERIFY_OR_LATER = Set.of("verify", "install", "deploy");

  @Override
  String goal() {
    return "prepare-agent";
  }

  /** The property is set even then (to what it was, or empty): Surefire reads it. */
  @Override
  void skipped() {
    Properties props = project.getProperties();
    props.setProperty(propertyName, props.getProperty(propertyName, ""));
  }

  @Override
  void run() throws MojoExecutionException {
    Properties props = project.getProperties();
    String existing = without(props.getProperty(propertyName, ""), props.getProperty(ADDED, ""));
    List<JUnitAlignment.JUnitJar> jars = junitJars();
    Optional<String> junit = JUnitAlignment.problem(jars);
    if (junit.isPresent()) {
      throw new MojoExecutionException(junit.get());
    }
    JUnit4Tests.unrun(jars).ifPresent(w -> getLog().warn("Countersign: " + w));
    existing = startBuild(props, existing);
    ArgLineCheck.problems(project.getBuildPlugins(), propertyName)
        .forEach(p -> getLog().warn("Countersign: " + p));
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
      set(props, existing, nativeAccess(existing), deferArgument());
      return;
    }
    getLog().info(propertyName + " set to " + set(props, existing,
        agentArgument(agent.getFile(), options()), nativeAccess(existing), deferArgument()));
  }

  /** Sets the property to {@code added} before {@code existing}, remembers them; returns it. */
  private String set(Properties props, String existing, String... added) {
    String value = join(join(added), existing);
    props.setProperty(propertyName, value);
    props.setProperty(ADDED, String.join("\n", nonBlank(added)));
    return value;
  }

  /** {@code argLine} without one occurrence of each option in {@code added} (one per line). */
  static String without(String argLine, String added) {
    String s = " " + argLine.strip() + " ";
    for (String option : added.split("\n")) {
      int at = option.isBlank() ? -1 : s.indexOf(" " + option + " ");
      if (at >= 0) {
        s = s.substring(0, at) + s.substring(at + option.length() + 1);
      }
    }
    return s.strip();
  }

  /** {@link #NATIVE_ACCESS}, unless {@code existing} already has it. */
  static String nativeAccess(String existing) {
    return List.of(existing.strip().split("\\s+")).contains(NATIVE_ACCESS) ? "" : NATIVE_ACCESS;
  }

  private static String join(String... parts) {
    return String.join(" ", nonBlank(parts));
  }

  /** {@code parts} without the null and blank ones, stripped. */
  private static List<String> nonBlank(String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p.strip());
      }
    }
    return kept;
  }

  /**
   * {@code -Dcountersign.deferBudgets=true} when {@code check} runs later in this build and fails
   * it: a broken absolute budget then fails the build at {@code check}, after its table and
   * report, rather than the test (which would stop the build before them). An explicit {@code
   * -Dcountersign.deferBudgets} wins.
   */
  String deferArgument() {
    String given = session == null ? null
        : session.getUserProperties().getProperty(Settings.DEFER_BUDGETS);
    boolean defer = given != null ? Boolean.parseBoolean(given.strip()) : checkRunsLaterAndFails();
    if (defer && given == null) {
      getLog().info("absolute budgets are judged by countersign:check later in this build: a"
          + " broken budget fails the build there, after its table and report ("
          + Settings.DEFER_BUDGETS + "=true)");
    }
    return defer ? "-D" + Settings.DEFER_BUDGETS + "=true" : "";
  }

  private boolean checkRunsLaterAndFails() {
    if (session == null || session.getGoals().stream().noneMatch(VERIFY_OR_LATER::contains)) {
      return false;
    }
    Plugin self = project.getPlugin(PLUGIN_KEY);
    if (self == null || isAdvisory(self.getConfiguration())) {
      return false;
    }
    String property = session.getUserProperties().getProperty(Settings.FAIL_ON_REGRESSION,
        project.getProperties().getProperty(Settings.FAIL_ON_REGRESSION, "true"));
    if (property.strip().equalsIgnoreCase("false")) {
      return false;
    }
    for (PluginExecution e : self.getExecutions()) {
      if (e.getGoals().contains("check") && !isAdvisory(e.getConfiguration())
          && (e.getPhase() == null || VERIFY_OR_LATER.contains(e.getPhase()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code <configuration>} says {@code <failOnRegression>false</failOnRegression>}. */
  private static boolean isAdvisory(Object configuration) {
    if (configuration instanceof Xpp3Dom dom) {
      Xpp3Dom f = dom.getChild("failOnRegression");
      return f != null && f.getValue() != null && f.getValue().strip().equalsIgnoreCase("false");
    }
    return false;
  }

  private List<JUnitAlignment.JUnitJar> junitJars() {
    List<JUnitAlignment.JUnitJar> jars = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      // junit:junit too: JUnit4Tests; outside JUnit 5's release train, JUnitAlignment ignores it
      if (a.getGroupId().startsWith("org.junit.") || a.getGroupId().equals("junit")) {
        List<String> trail = a.getDependencyTrail();
        // trail: the project, the direct dependency, ..., the artifact itself
        String via = trail != null && trail.size() > 2 ? trail.get(1) : null;
        jars.add(new JUnitAlignment.JUnitJar(a.getGroupId(), a.getArtifactId(), a.getVersion(), via));
      }
    }
    return jars;
  }

  /**
   * Starts this build's results folder once per session and module and puts its id into the
   * test JVMs' options.
   *
   * @return {@code existing} with {@code -Dcountersign.buildId=<id>} added
   */
  private String startBuild(Properties props, String existing) throws MojoExecutionException {
    String started = props.getProperty(BuildId.PROPERTY);
    BuildId id = buildId != null && !buildId.isBlank() ? ThisBuild.parse(buildId.strip())
        : started != null ? ThisBuild.parse(started)
        : BuildId.mint(session.getStartTime().toInstant(), ProcessHandle.current().pid());
    if (!id.value().equals(started)) {
      try {
        ResultsDirectory dir = new ResultsDirectory(resultsDir.toPath());
        // an id given by hand may have been used before (a re-run CI job in the same workspace):
        // what it left is not of this build
        clear(dir.build(id));
        dir.start(id);
      } catch (CountersignFileException e) {
        throw new MojoExecutionException("Countersign cannot start this build's results: "
            + e.getMessage(), e);
      }
      props.setProperty(BuildId.PROPERTY, id.value());
      getLog().info("Countersign build " + id + ": results go to " + resultsDir + "/" + id);
    }
    String option = "-D" + BuildId.PROPERTY + "=" + id;
    return existing.contains(option) ? existing
        : existing.isBlank() ? option : option + " " + existing.strip();
  }

  private void clear(ResultStore store) {
    List<Path> old = store.files();
    for (Path f : old) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new CountersignFileException(f, "cannot remove the result of an earlier build with"
            + " the same id: " + e, e);
      }
    }
    if (!old.isEmpty()) {
      getLog().info("Countersign: removed " + old.size() + " result(s) an earlier build with the"
          + " same id left in " + store.dir());
    }
  }

  /**
   * The agent options ({@link AgentOptions#format}): none by default (everything is
   * instrumented); with {@code includes}, the module's class directories and the patterns, which
   * narrow it; the excludes when given.
   */
  String options() {
    boolean narrowed = includes != null && !includes.isEmpty();
    return AgentOptions.format(
        narrowed ? List.of(project.getBuild().getOutputDirectory(),
            project.getBuild().getTestOutputDirectory()) : List.of(),
        narrowed ? includes : List.of(), excludes == null ? List.of() : excludes);
  }

  static String agentArgument(File jar, String options) {
    String arg = "-javaagent:" + jar.getAbsolutePath() + (options.isEmpty() ? "" : "=" + options);
    return arg.contains(" ") ? "\"" + arg + "\"" : arg;
  }
}
