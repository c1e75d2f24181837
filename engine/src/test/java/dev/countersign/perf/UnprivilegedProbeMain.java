package dev.countersign.perf;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Child-JVM entry point of {@link UnprivilegedTest}: opens the events named in the arguments,
 * measures a first touch of 1000 pages, and prints one line per event: {@code MEASURED <name>
 * <value>} or {@code UNAVAILABLE <name> <error> | <reason> | <remedy>}.
 */
public final class UnprivilegedProbeMain {

  private UnprivilegedProbeMain() {}

  public static void main(String[] args) {
    System.out.println("ACCESS " + PerfAccess.current().describe());
    List<EventSpec> specs = Arrays.stream(args).map(EventCatalog::parse).toList();
    ProbeOffer offer = new PerfEventProbeProvider().open(specs,
        new ProbeRequest(Mode.PERF, List.of()));
    offer.unavailable().forEach(u -> System.out.println("UNAVAILABLE " + u.name() + " "
        + u.error() + " | " + u.reason() + " | " + u.remedy()));
    if (offer.probe().isPresent()) {
      try (Probe p = offer.probe().get()) {
        double[] v = new double[p.metrics().size()];
        double[] f = new double[v.length];
        p.begin();
        ByteBuffer b = ByteBuffer.allocateDirect(1000 * 4096);
        for (int i = 0; i < 1000; i++) {
          b.put(i * 4096, (byte) 1);
        }
        p.end(v, f);
        for (int i = 0; i < v.length; i++) {
          System.out.println("MEASURED " + p.metrics().get(i).name() + " " + v[i]);
        }
      }
    }
  }
}
