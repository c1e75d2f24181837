package dev.countersign.workloads.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.workloads.bench.AgentSteadyState;
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
 * The steady-state slowdown figures of docs/simulator.md with the JDK counted (issue 13.6): {@link
 * AgentSteadyState} in one JVM per level, one after another — {@code plain} without the agent,
 * {@code counting} and {@code full} with this JVM's agent options (prepare-agent's {@code
 * -javaagent}) — and per workload the level's median CPU µs per invocation divided by {@code
 * plain}'s. Limits: counting ≤ 10×, full ≤ 40×. On demand (about 10 minutes on a loaded 2-core
 * machine, most of it the full model's warm-up):
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=AgentSteadyStateFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.slowdownFigures=true \
 *     [-Dslowdown.workloads=hashmap,jackson] [-Dslowdown.steady=plain:10+2000,...]
 * </pre>
 *
 * {@code slowdown.steady}: per level its warm-up in seconds of wall time per workload and
 * its measured invocations (default {@value #INVOCATIONS}). Each level's log (per workload the
 * median, fastest, first and last block) is kept in {@code target/steady-<level>.log}. Prints a
 * Markdown table and writes it to {@code
 * test-workloads/target/steady-state-figures.md}.
 */
@EnabledIfSystemProperty(named = "countersign.slowdownFigures", matches = "true")
class AgentSteadyStateFiguresTest {

  static final String INVOCATIONS = "plain:10+2000,counting:40+500,full:60+300";
  static final String WORKLOADS = "checksum,encode,hashmap,jackson";

  /** Runs one level's JVM; per workload its median µs per invocation into {@code into}. */
  private static void level(List<String> jvmOptions, String level, String invocations,
      String workloads, Path log, Map<String, Map<String, Double>> into) throws Exception {
    String[] counts = invocations.split("\\+");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), AgentSteadyState.class.getName(), level,
        counts[0], counts[1], workloads));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertEquals(0, p.waitFor(), level + " failed: see " + log);
    for (String line : Files.readAllLines(log)) {
      String[] f = line.split(" ");
      if (f.length == 7 && f[0].equals("steady")) {
        into.computeIfAbsent(f[2], k -> new TreeMap<>()).put(f[1], Double.parseDouble(f[3]));
      }
    }
  }

  private static Map<String, String> invocations() {
    Map<String, String> perLevel = new TreeMap<>();
    for (String part : System.getProperty("slowdown.steady", INVOCATIONS).split(",")) {
      String[] kv = part.split(":");
      if (kv.length != 2 || !kv[1].matches("\\d+\\+\\d+")) {
        throw new IllegalArgumentException("slowdown.steady: '" + part + "' is not"
            + " <level>:<warm-up seconds>+<measured invocations>, e.g. " + INVOCATIONS);
      }
      perLevel.put(kv[0], kv[1]);
    }
    for (String level : List.of("plain", "counting", "full")) {
      if (!perLevel.containsKey(level)) {
        throw new IllegalArgumentException("slowdown.steady names no " + level
            + " level: give all three, e.g. " + INVOCATIONS);
      }
    }
    return perLevel;
  }

  @Test
  void figures() throws Exception {
    List<String> agent = AgentSlowdownFiguresTest.agentOptions();
    Map<String, String> invocations = invocations();
    String workloads = System.getProperty("slowdown.workloads", WORKLOADS);
    Path target = Path.of("target").toAbsolutePath();
    Map<String, Map<String, Double>> us = new TreeMap<>();
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    level(List.of(), "plain", invocations.get("plain"), workloads,
        target.resolve("steady-plain.log"), us);
    level(agent, "counting", invocations.get("counting"), workloads,
        target.resolve("steady-counting.log"), us);
    level(agent, "full", invocations.get("full"), workloads, target.resolve("steady-full.log"),
        us);
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    StringBuilder md = new StringBuilder("| workload | plain, µs | counting (≤ 10×) | full (≤ 40×)"
        + " |\n|---|---|---|---|\n");
    us.forEach((w, levels) -> {
      double plain = levels.get("plain");
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f× | %.1f× |%n", w, plain,
          levels.get("counting") / plain, levels.get("full") / plain));
    });
    md.append(String.format(Locale.ROOT, "%nSteady state, median CPU µs per invocation of 10"
            + " blocks (level:warm-up seconds+measured invocations %s); agent options %s; load average %.1f before, %.1f"
            + " after; %s.%n", System.getProperty("slowdown.steady", INVOCATIONS), agent,
        load0, load1,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")));
    System.out.println(md);
    Files.writeString(target.resolve("steady-state-figures.md"), md, StandardCharsets.UTF_8);
  }
}
