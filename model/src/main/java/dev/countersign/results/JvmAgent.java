package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;

/**
 * A JVM agent that was loaded in the measuring JVM besides Countersign's own (JaCoCo, a profiler,
 * an APM agent, ...). Part of what every value of a run means: an agent that instruments classes
 * changes instructions, allocation and time alike. Named without its directory, version and
 * options, so that a moved repository or a version bump of the agent (a change whose effect a
 * regression test should see) does not make runs incomparable, while adding or removing one does.
 *
 * @param kind how it was loaded
 * @param name the jar or library name without directory, version and options (e.g. {@code
 *     org.jacoco.agent-runtime} for {@code
 *     -javaagent:/…/org.jacoco.agent-0.8.12-runtime.jar=destfile=…}), or the {@code -agentlib}
 *     name
 */
public record JvmAgent(Kind kind, String name) implements Comparable<JvmAgent> {

  private static final Comparator<JvmAgent> ORDER =
      Comparator.comparing(JvmAgent::kind).thenComparing(JvmAgent::name);

  public JvmAgent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The JVM option that loads an agent. */
  public enum Kind {
    /** {@code -javaagent:<jar>[=options]}: a Java agent. */
    JAVAAGENT,
    /** {@code -agentpath:<library>[=options]}: a native (JVMTI) agent by path. */
    AGENTPATH,
    /** {@code -agentlib:<name>[=options]}: a native (JVMTI) agent by library name. */
    AGENTLIB;

    /** The option's name without the dash, as written in files. */
    @JsonValue
    public String id() {
      return EnumIds.id(this);
    }

    @JsonCreator
    public static Kind of(String id) {
      return EnumIds.parse(Kind.class, id, "agent kind");
    }
  }

  /**
   * The agents whose injected code the simulator recognises and does not count (JaCoCo's probes,
   * {@code $jacocoInit} and {@code $jacocoData}; see the agent's {@code ForeignCode}): with or
   * without them a simulated count is the same, so they are no part of a simulated value's
   * meaning. Time, allocation and kernel counts still differ with them.
   */
  private static final Set<String> SIMULATOR_EXCLUDED = Set.of(
      "org.jacoco.agent-runtime", // the Maven artifact org.jacoco.agent:runtime, as prepare-agent adds it
      "jacocoagent");             // the jar of JaCoCo's distribution

  /** Whether the simulator leaves this agent's injected code uncounted (JaCoCo). */
  public static boolean simulatorExcludes(JvmAgent agent) {
    return agent.kind == Kind.JAVAAGENT && SIMULATOR_EXCLUDED.contains(agent.name);
  }

  /** How it reads in messages: {@code -javaagent org.jacoco.agent-runtime}. */
  @Override
  public String toString() {
    return "-" + kind.id() + " " + name;
  }

  @Override
  public int compareTo(JvmAgent o) {
    return ORDER.compare(this, o);
  }
}
