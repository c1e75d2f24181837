package dev.countersign.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Reads the {@link JvmAgent}s of a JVM from its options ({@code -javaagent}, {@code -agentpath},
 * {@code -agentlib}; {@code JAVA_TOOL_OPTIONS} included, as the JVM counts those among its input
 * arguments). Not agents for this purpose: Countersign's own (its samples carry source {@code sim},
 * and where it is missing those are unavailable, which is judged already) and the debugger's
 * {@code jdwp}, which forks drop and which instruments nothing. An agent attached at run time
 * through the attach API is not seen.
 */
public final class JvmAgents {

  /** The Premain-Class of Countersign's own agent jar. */
  static final String OWN_PREMAIN = "dev.countersign.sim.agent.CountersignAgent";

  /** A version inside a jar name: {@code -0.8.12}, {@code _1.2}, {@code -SNAPSHOT}. */
  private static final Pattern VERSION =
      Pattern.compile("[-_]\\d[^-_]*|-SNAPSHOT", Pattern.CASE_INSENSITIVE);

  private JvmAgents() {}

  /** The agents of this JVM, sorted. */
  public static List<JvmAgent> current() {
    return of(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The agents named by these JVM options, sorted and without repeats. */
  public static List<JvmAgent> of(List<String> jvmOptions) {
    TreeSet<JvmAgent> agents = new TreeSet<>();
    for (String option : jvmOptions) {
      for (JvmAgent.Kind kind : JvmAgent.Kind.values()) {
        String prefix = "-" + kind.id() + ":";
        if (option.startsWith(prefix)) {
          String target = option.substring(prefix.length());
          int eq = target.indexOf('=');
          String location = eq < 0 ? target : target.substring(0, eq);
          if (!isIgnored(kind, location)) {
            agents.add(new JvmAgent(kind, nameOf(kind, location)));
          }
        }
      }
    }
    return List.copyOf(agents);
  }

  /** Whether these JVM options attach Countersign's own agent (the simulator). */
  public static boolean attachesCountersign(List<String> jvmOptions) {
    return jvmOptions.stream().anyMatch(JvmAgents::isCountersignOption);
  }

  /** Whether this JVM option is the {@code -javaagent} of Countersign's own agent. */
  public static boolean isCountersignOption(String option) {
    String prefix = "-" + JvmAgent.Kind.JAVAAGENT.id() + ":";
    if (!option.startsWith(prefix)) {
      return false;
    }
    String target = option.substring(prefix.length());
    int eq = target.indexOf('=');
    return isCountersign(eq < 0 ? target : target.substring(0, eq));
  }

  private static boolean isIgnored(JvmAgent.Kind kind, String location) {
    return switch (kind) {
      case AGENTLIB -> location.equals("jdwp");
      case JAVAAGENT -> isCountersign(location);
      case AGENTPATH -> false;
    };
  }

  private static String nameOf(JvmAgent.Kind kind, String location) {
    if (kind == JvmAgent.Kind.AGENTLIB) {
      return location;
    }
    String file = location.replace('\\', '/');
    file = file.substring(file.lastIndexOf('/') + 1);
    if (kind == JvmAgent.Kind.JAVAAGENT) {
      if (file.toLowerCase(Locale.ROOT).endsWith(".jar")) {
        file = file.substring(0, file.length() - 4);
      }
      file = VERSION.matcher(file).replaceAll("");
    }
    return file;
  }

  /** Countersign's agent: its jar's manifest names our premain class (or, unreadable, its name). */
  private static boolean isCountersign(String jar) {
    try (JarFile j = new JarFile(Path.of(jar).toFile())) {
      var manifest = j.getManifest();
      if (manifest != null) {
        return OWN_PREMAIN.equals(manifest.getMainAttributes().getValue("Premain-Class"));
      }
    } catch (IOException | InvalidPathException | SecurityException e) {
      // not readable from here (a relative path after a chdir, permissions): go by its name
    }
    String name = nameOf(JvmAgent.Kind.JAVAAGENT, jar);
    // countersign-junit was the agent's jar before countersign-agent was a module of its own
    return name.equals("countersign-agent") || name.equals("countersign-junit");
  }
}
