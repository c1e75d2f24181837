package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.SimProbeProvider;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.SimRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator with the real agent: Surefire starts this JVM with the {@code -javaagent} that
 * {@code countersign:prepare-agent} put into {@code argLine}, so the workloads here were
 * instrumented at class-load time.
 */
class SimulatorAgentTest {

  private static final List<EventSpec> EVENTS = SimProbeProvider.EVENTS.keySet().stream()
      .sorted().map(EventCatalog::parse).toList();

  @BeforeAll
  static void agentIsAttached() {
    // 'mvn test' in a reactor has no agent jar yet: prepare-agent warns and attaches nothing
    assumeTrue(SimRuntime.installed() || SimRuntime.agentProblem() != null,
        "the agent is not attached (run 'mvn verify'; see prepare-agent's warning)");
    assertTrue(SimRuntime.installed(), "the agent is attached but off: " + SimRuntime.agentProblem());
  }

  private static double[] measure(Runnable workload) {
    SimProbe probe = new SimProbe(EVENTS, CpuProfile.zen4Server());
    double[] values = new double[EVENTS.size()];
    double[] fractions = new double[EVENTS.size()];
    probe.begin();
    workload.run();
    probe.end(values, fractions);
    probe.close();
    return values;
  }

  private static int index(String event) {
    return EVENTS.stream().map(EventSpec::name).toList().indexOf(event);
  }

  @Test
  void countsAreIdenticalInTenRuns() {
    byte[] data = new byte[64 * 1024];
    new Random(3).nextBytes(data);
    Checksum checksum = new Checksum(false);
    RecordEncoder encoder = new RecordEncoder(false);
    PageToucher toucher = new PageToucher(false);
    Runnable all = () -> {
      checksum.hash(data);
      encoder.encode(500);
      toucher.touch(64);
    };
    // the first call also runs the workload classes' one-time work (their static initialisers),
    // or not, when another test of this JVM ran them first: the runs compared come after it
    measure(all);
    double[] first = measure(all);
    assertTrue(first[index("instructions")] > 64 * 1024 * 12, Arrays.toString(first));
    assertTrue(first[index("alloc-bytes")] >= 500 * 80, Arrays.toString(first));
    assertTrue(first[index("page-faults")] >= 64, Arrays.toString(first));
    for (int run = 1; run < 10; run++) {
      assertEquals(Arrays.toString(first), Arrays.toString(measure(all)), "run " + run);
    }
  }

  @Test
  void regressedChecksumTwinExecutesAboutTwoPercentMoreInstructions() {
    byte[] data = new byte[64 * 1024];
    new Random(5).nextBytes(data);
    double plain = measure(() -> new Checksum(false).hash(data))[index("instructions")];
    double regressed = measure(() -> new Checksum(true).hash(data))[index("instructions")];
    double change = regressed / plain - 1;
    assertTrue(change > 0.015 && change < 0.03, "change " + change);
  }

  @Test
  void workBeforeAndAfterTheMeasuredInvocationIsNotCounted() {
    byte[] data = new byte[1024];
    Checksum checksum = new Checksum(false);
    SimProbe probe = new SimProbe(List.of(EventCatalog.parse("instructions")),
        CpuProfile.zen4Server());
    double[] v = new double[1];
    double[] f = new double[1];
    checksum.hash(data);
    probe.begin();
    checksum.hash(data);
    probe.end(v, f);
    checksum.hash(data);
    probe.close();
    double once = v[0];
    probe = new SimProbe(List.of(EventCatalog.parse("instructions")), CpuProfile.zen4Server());
    probe.begin();
    checksum.hash(data);
    checksum.hash(data);
    probe.end(v, f);
    probe.close();
    assertEquals(2 * once, v[0], 1e-9);
  }
}
