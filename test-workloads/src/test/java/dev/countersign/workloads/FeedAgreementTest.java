package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Mode;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import dev.countersign.stats.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where both feeds exist (the agent attached and tracepoints readable, as on this machine), the
 * simulator's and the perf feed's MSR_WRITE and HLT estimates of the hand-off workloads agree
 * within a factor of 2 (medians of 11 iterations, intel-kvm-default; both feeds take every block
 * to idle its vCPU and every wake-up of a blocked thread to be an IPI).
 */
class FeedAgreementTest {

  private static final String HLT = "vmexit.intel-kvm-default.HLT";
  private static final String MSR = "vmexit.intel-kvm-default.MSR_WRITE";

  private static double[] medians(Mode mode, Workload w, int ops) throws Throwable {
    RunPlan plan = new RunPlan(List.of(),
        List.of(EventCatalog.parse(HLT), EventCatalog.parse(MSR)), 3, 11, ops,
        new ProbeRequest(mode, List.of()));
    Measurement m = Runner.forMode(mode).run(plan, w);
    assertTrue(m.metric(HLT).isPresent(), mode + ": " + m.unavailable());
    return new double[] {
      Samples.median(m.metric(HLT).orElseThrow().values()),
      Samples.median(m.metric(MSR).orElseThrow().values())
    };
  }

  private static void compare(String name, Workload w, int ops) throws Throwable {
    assumeTrue(GuestFeeds.simulator() && GuestFeeds.auto(), "needs both feeds");
    double[] sim = medians(Mode.SIM, w, ops);
    double[] perf = medians(Mode.PERF, w, ops);
    System.out.printf("%s per op: HLT sim %.4f perf %.4f; MSR_WRITE sim %.4f perf %.4f%n",
        name, sim[0], perf[0], sim[1], perf[1]);
    assertTrue(sim[0] > 0.1 && perf[0] > 0.1, name + ": every pass blocks a thread");
    assertWithinFactorTwo(name + " HLT", sim[0], perf[0]);
    assertWithinFactorTwo(name + " MSR_WRITE", sim[1], perf[1]);
  }

  private static void assertWithinFactorTwo(String what, double sim, double perf) {
    assertTrue(sim <= 2 * perf && perf <= 2 * sim, what + ": sim " + sim + " vs perf " + perf);
  }

  @Test
  void parkUnparkPingPong() throws Throwable {
    ParkingPingPong p = new ParkingPingPong(false);
    compare("park/unpark", () -> assertEquals(1000, p.run(500)), 1000);
  }

  @Test
  void waitNotifyAllPingPong() throws Throwable {
    MonitorPingPong p = new MonitorPingPong();
    compare("wait/notifyAll", () -> assertEquals(1000, p.run(500)), 1000);
  }
}
