package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.GuestActivity;
import dev.countersign.sim.agent.SimRuntime;
import java.util.List;

/** For tests that need this JVM's real agent ({@code prepare-agent}'s {@code -javaagent}). */
final class RealAgent {

  private RealAgent() {}

  /** Skips the test without the agent ('mvn test' in a reactor), fails it when the agent is off. */
  static void assumeAttached() {
    assumeTrue(SimRuntime.installed() || SimRuntime.agentProblem() != null,
        "the agent is not attached (run 'mvn verify'; see prepare-agent's warning)");
    assertTrue(SimRuntime.installed(), "the agent is attached but off: " + SimRuntime.agentProblem());
  }

  /** Something measured, which may throw. */
  interface Workload {
    void run() throws Exception;
  }

  /** The guest events of one measured invocation of {@code w} (instructions and cycles counted). */
  static GuestActivity guestActivity(Workload w) throws Exception {
    SimProbe probe = new SimProbe(List.of(EventCatalog.parse("instructions"),
        EventCatalog.parse("cycles")), CpuProfile.zen4Server());
    try {
      probe.begin();
      w.run();
      probe.end(new double[2], new double[2]);
      return probe.guestActivity().orElseThrow();
    } finally {
      probe.close();
    }
  }
}
