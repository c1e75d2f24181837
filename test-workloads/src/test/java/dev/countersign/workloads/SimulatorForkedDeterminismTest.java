package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Separate JVMs, each started with this JVM's {@code -javaagent} (the packaged agent jar from
 * {@code prepare-agent}), print identical simulated counts for the same workload.
 */
class SimulatorForkedDeterminismTest {

  private static String run(String java, String agent) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(java, agent, "-cp",
        System.getProperty("java.class.path"), SimulatedCountsMain.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void threeJvmsGiveIdenticalCounts() throws Exception {
    String agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-javaagent:") && a.contains("countersign"))
        .findFirst()
        .orElse(null);
    // 'mvn test' in a reactor has no agent jar yet: prepare-agent warns and attaches nothing
    assumeTrue(agent != null, "the agent is not attached (run 'mvn verify')");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String first = run(java, agent);
    assertTrue(first.contains("instructions") && !first.contains("NaN"), first);
    assertTrue(!first.contains("[0.0, 0.0"), first);
    for (int i = 1; i < 3; i++) {
      assertEquals(first, run(java, agent), "JVM " + i);
    }
  }
}
