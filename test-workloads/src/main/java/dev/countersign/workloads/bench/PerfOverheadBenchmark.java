package dev.countersign.workloads.bench;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.perf.PerfEventProbeProvider;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the perf_event_open probe adds to every measured invocation: {@code begin()} (group
 * enable) plus {@code end()} (group disable and one group read, scaling, copying out), for 1, 4 and
 * 8 software events in one group. Single-threaded, average time per begin+end pair.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerfOverheadBenchmark {

  private static final List<String> SOFTWARE = List.of("task-clock", "page-faults",
      "context-switches", "minor-faults", "cpu-migrations", "major-faults", "alignment-faults",
      "emulation-faults");

  /** How many software events the probe counts. */
  @Param({"1", "4", "8"})
  public int events;

  private Probe probe;
  private double[] values;
  private double[] fractions;

  @Setup(Level.Trial)
  public void open() {
    List<EventSpec> specs = SOFTWARE.subList(0, events).stream().map(EventCatalog::parse)
        .toList();
    ProbeOffer offer = new PerfEventProbeProvider().open(specs,
        new ProbeRequest(Mode.PERF, List.of()));
    if (offer.probe().isEmpty() || offer.probe().get().metrics().size() != events) {
      throw new IllegalStateException("cannot count " + events + " software events here: "
          + offer.unavailable());
    }
    probe = offer.probe().get();
    values = new double[events];
    fractions = new double[events];
  }

  @TearDown(Level.Trial)
  public void close() {
    probe.close();
  }

  /** One measured invocation's bracket with an empty workload. */
  @Benchmark
  public void beginEnd(Blackhole bh) {
    probe.begin();
    probe.end(values, fractions);
    bh.consume(values[0]);
  }
}
