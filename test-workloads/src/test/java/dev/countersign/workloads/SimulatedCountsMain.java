package dev.countersign.workloads;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.SimProbeProvider;
import dev.countersign.sim.agent.CpuProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Prints the simulated counts of one invocation of the sample workloads, for {@link
 * SimulatorForkedDeterminismTest} to compare across JVMs.
 */
public final class SimulatedCountsMain {

  private SimulatedCountsMain() {}

  public static void main(String[] args) {
    List<EventSpec> events = SimProbeProvider.EVENTS.keySet().stream().sorted()
        .map(EventCatalog::parse).toList();
    byte[] data = new byte[32 * 1024];
    new Random(9).nextBytes(data);
    Checksum checksum = new Checksum(false);
    RecordEncoder encoder = new RecordEncoder(false);
    PageToucher toucher = new PageToucher(false);
    for (int i = 0; i < 3; i++) { // unmeasured warm-up, as the extension does
      checksum.hash(data);
      encoder.encode(300);
    }
    SimProbe probe = new SimProbe(events, CpuProfile.zen4Server());
    double[] values = new double[events.size()];
    probe.begin();
    checksum.hash(data);
    encoder.encode(300);
    toucher.touch(32);
    probe.end(values, new double[events.size()]);
    probe.close();
    System.out.println(events.stream().map(EventSpec::name).toList() + " = "
        + Arrays.toString(values) + " pagesFirstTouched " + probe.guestActivity().orElseThrow()
            .pagesFirstTouched());
  }
}
