package dev.countersign.workloads.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.results.JvmAgents;
import dev.countersign.workloads.bench.AgentSlowdownBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The slowdown figures of docs/simulator.md with the JDK counted (issue 13.6): {@link
 * AgentSlowdownBenchmark} once without the agent ({@code plain}) and once with this JVM's agent
 * options (prepare-agent's {@code -javaagent}, and a boot class path entry if there is one), which
 * JMH's forks inherit ({@code idle}, {@code counting}, {@code full}); per workload each level's
 * time divided by {@code plain}'s of the same run. Limits: counting ≤ 10×, full ≤ 40×. On demand:
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=AgentSlowdownFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.slowdownFigures=true \
 *     [-Dslowdown.jmh="-f 2 -wi 3 -w 500ms -i 5 -r 500ms"]
 * </pre>
 *
 * Prints a Markdown table and writes it to {@code test-workloads/target/slowdown-figures.md}.
 */
@EnabledIfSystemProperty(named = "countersign.slowdownFigures", matches = "true")
class AgentSlowdownFiguresTest {

  static final String JMH_DEFAULT = "-f 2 -wi 3 -w 500ms -i 5 -r 500ms";

  /** Per workload and level, µs per invocation. */
  private static void jmh(List<String> agentOptions, String levels, Path json,
      Map<String, Map<String, Double>> into) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(agentOptions);
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), "org.openjdk.jmh.Main",
        AgentSlowdownBenchmark.class.getName()));
    cmd.addAll(List.of(System.getProperty("slowdown.jmh", JMH_DEFAULT).split("\\s+")));
    cmd.addAll(List.of("-p", "level=" + levels, "-rf", "json", "-rff", json.toString()));
    Path log = json.resolveSibling(json.getFileName() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertEquals(0, p.waitFor(), "JMH failed: see " + log);
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      into.computeIfAbsent(b.path("params").path("workload").asText(), k -> new TreeMap<>())
          .put(b.path("params").path("level").asText(),
              b.path("primaryMetric").path("score").asDouble());
    }
  }

  /** This JVM's Countersign options (prepare-agent's {@code -javaagent}, a boot class path entry). */
  static List<String> agentOptions() {
    List<String> agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> JvmAgents.isCountersignOption(a) || a.startsWith("-Xbootclasspath/a:"))
        .toList();
    assertFalse(agent.isEmpty(), "run with prepare-agent's argLine (mvn verify)");
    return agent;
  }

  @Test
  void figures() throws Exception {
    List<String> agent = agentOptions();
    Path target = Path.of("target").toAbsolutePath();
    Map<String, Map<String, Double>> us = new TreeMap<>();
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    jmh(List.of(), "plain", target.resolve("slowdown-plain.json"), us);
    jmh(agent, "idle,counting,full", target.resolve("slowdown-agent.json"), us);
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    StringBuilder md = new StringBuilder("| workload | plain, µs | idle | counting (≤ 10×) | full"
        + " (≤ 40×) |\n|---|---|---|---|---|\n");
    us.forEach((w, levels) -> {
      double plain = levels.get("plain");
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f× | %.1f× | %.1f× |%n", w, plain,
          levels.get("idle") / plain, levels.get("counting") / plain,
          levels.get("full") / plain));
    });
    md.append(String.format(Locale.ROOT, "%nJMH %s, average time; agent options %s; load"
            + " average %.1f before, %.1f after; %s.%n", System.getProperty("slowdown.jmh",
            JMH_DEFAULT), agent, load0, load1,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")));
    System.out.println(md);
    Files.writeString(target.resolve("slowdown-figures.md"), md, StandardCharsets.UTF_8);
  }
}
