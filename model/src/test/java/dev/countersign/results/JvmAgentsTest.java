package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents are named by what they are, not where they lie, which version, or their options. */
class JvmAgentsTest {

  @Test
  void agentsAreNamedWithoutDirectoryVersionAndOptions() {
    List<JvmAgent> agents = JvmAgents.of(List.of(
        "-Xmx1g",
        "-javaagent:/home/u/.m2/repository/org/jacoco/org.jacoco.agent/0.8.12/"
            + "org.jacoco.agent-0.8.12-runtime.jar=destfile=/w/target/jacoco.exec",
        "-agentpath:/opt/async-profiler/lib/libasyncProfiler.so=start,event=cpu",
        "-javaagent:C:\\tools\\aspectjweaver-1.9.22.1.jar",
        "-agentlib:hprof=cpu=samples"));
    assertEquals(List.of(
        new JvmAgent(JvmAgent.Kind.JAVAAGENT, "aspectjweaver"),
        new JvmAgent(JvmAgent.Kind.JAVAAGENT, "org.jacoco.agent-runtime"),
        new JvmAgent(JvmAgent.Kind.AGENTPATH, "libasyncProfiler.so"),
        new JvmAgent(JvmAgent.Kind.AGENTLIB, "hprof")), agents);
  }

  @Test
  void countersignsOwnAgentAndTheDebuggerAreNotCounted() {
    assertEquals(List.of(), JvmAgents.of(List.of(
        "-javaagent:/r/dev/countersign/countersign-agent/0.1.0-SNAPSHOT/"
            + "countersign-agent-0.1.0-SNAPSHOT.jar=include=sample.*",
        "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005")));
  }

  @Test
  void aVersionBumpIsTheSameAgent() {
    assertEquals(JvmAgents.of(List.of("-javaagent:/a/org.jacoco.agent-0.8.11-runtime.jar")),
        JvmAgents.of(List.of("-javaagent:/b/org.jacoco.agent-0.8.12-runtime.jar=x=y")));
  }
}
