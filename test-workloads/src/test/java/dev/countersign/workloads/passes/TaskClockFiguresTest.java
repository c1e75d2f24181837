package dev.countersign.workloads.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.ForkMain;
import dev.countersign.results.JvmAgents;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Samples;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The auto-mode timing benchmark of docs/simulator.md (issue 13.4): {@code task-clock} of one
 * workload ({@link TaskClockSubject}, FNV-1a over 256 KiB, JIT-warmed) measured in fresh JVMs
 *
 * <ul>
 *   <li>{@code agent}: with the simulator's agent, mode {@code auto}: the plain pass measures it;
 *   <li>{@code none}: without the agent;
 *   <li>{@code in-JVM}: with the agent, as a test template (which stays in the instrumented test
 *       JVM): what every test measured before the plain pass;
 * </ul>
 *
 * one of each per round, interleaved (so the machine's load drifts over all three alike). Per
 * round the ratio of the medians agent/none and in-JVM/none; the figure is the median over the
 * rounds, limit 1.10 for agent/none. On demand (timing is never asserted in the unit suite):
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=TaskClockFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.taskClockFigures=true [-Dtaskclock.rounds=10]
 * </pre>
 *
 * Prints a Markdown table and writes it to {@code test-workloads/target/task-clock-figures.md}.
 */
@EnabledIfSystemProperty(named = "countersign.taskClockFigures", matches = "true")
class TaskClockFiguresTest {

  private final Path work = Path.of("target", "task-clock-figures");
  private final int rounds = Integer.getInteger("taskclock.rounds", 10);
  private int runs;

  /** One JVM running one method of the subject; its task-clock series. */
  private MetricSeries run(String method, boolean agent) throws Exception {
    Path dir = work.resolve("run-" + (++runs));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (agent && JvmAgents.isCountersignOption(arg)) {
        cmd.add(arg);
      }
    }
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    cmd.addAll(List.of("-cp", cp, "-Dcountersign.resultsDir=" + dir.toAbsolutePath(),
        "-Dcountersign.vmexitHosts=", ForkMain.class.getName(),
        TaskClockSubject.class.getName(), method));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(work.resolve("run-" + runs + ".log").toFile()).start();
    assertEquals(0, p.waitFor(), "run " + runs + " failed: see " + work);
    ResultsDirectory root = new ResultsDirectory(dir);
    List<TestResult> results = root.build(root.latest().orElseThrow()).readAll();
    assertEquals(1, results.size());
    Optional<MetricSeries> clock = results.get(0).metric("task-clock");
    assertTrue(clock.isPresent(), "task-clock unavailable: " + results.get(0).unavailable());
    return clock.get();
  }

  @Test
  void figures() throws Exception {
    Files.createDirectories(work);
    assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(JvmAgents::isCountersignOption), "run with prepare-agent's argLine");
    List<Double> agentRatios = new ArrayList<>();
    List<Double> inJvmRatios = new ArrayList<>();
    StringBuilder md = new StringBuilder();
    md.append("| round | agent (plain pass), ns/byte | none, ns/byte | in-JVM (instrumented),"
        + " ns/byte | agent / none | in-JVM / none |\n|---|---|---|---|---|---|\n");
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    for (int r = 1; r <= rounds; r++) {
      MetricSeries agent = run("hash", true);
      MetricSeries none = run("hash", false);
      MetricSeries inJvm = run("hashInTheTestJvm(int)", true);
      assertEquals(MeasuredCode.PLAIN, agent.code());
      assertEquals(MeasuredCode.PLAIN, none.code());
      assertEquals(MeasuredCode.INSTRUMENTED, inJvm.code());
      double a = Samples.median(agent.values());
      double n = Samples.median(none.values());
      double i = Samples.median(inJvm.values());
      agentRatios.add(a / n);
      inJvmRatios.add(i / n);
      md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.2f |%n", r, a, n,
          i, a / n, i / n));
    }
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double agentMedian = Samples.median(agentRatios.stream().mapToDouble(d -> d).toArray());
    double inJvmMedian = Samples.median(inJvmRatios.stream().mapToDouble(d -> d).toArray());
    md.append(String.format(Locale.ROOT, "%nmedian over %d rounds: agent / none = %.3f (limit"
            + " 1.10: %s), in-JVM / none = %.2f; load average %.1f before, %.1f after; %s%n",
        rounds, agentMedian, agentMedian <= 1.10 ? "within" : "OVER", inJvmMedian, load0, load1,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")));
    System.out.println(md);
    Files.writeString(Path.of("target", "task-clock-figures.md"), md, StandardCharsets.UTF_8);
  }
}
