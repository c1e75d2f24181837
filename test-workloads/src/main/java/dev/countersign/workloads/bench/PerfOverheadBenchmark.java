package dev.countersign.workloads.bench;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.perf.PerfEventProbeProvider;
import dev.countersign.perf.ReadPath;
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
 * What the perf_event_open probe adds to every measured invocation, against the limit: {@code
 * beginEnd} is the probe's {@code begin()} plus {@code end()} (one group read each, the deltas,
 * scaling and copying out) with an empty workload; {@code twoRawReads} is the bare syscall twice —
 * two reads of a group of the same events, opened and enabled the same way (a running counter
 * costs the kernel more to read than a stopped one), through the same binding, with nothing else. Their ratio is the probe's cost above the syscall limit. For 1, 4 and 8 software
 * events in one group, read through FFM or JNA ({@code -p path=JNA} on JDK 17 to 21, where FFM
 * is not final). Single-threaded, average time per pair.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerfOverheadBenchmark {

  /** How many software events the probe counts. */
  @Param({"1", "4", "8"})
  public int events;

  /** How the counters are read. */
  @Param({"FFM", "JNA"})
  public ReadPath path;

  private Probe probe;
  private RawGroup raw;
  private double[] values;
  private double[] fractions;

  @Setup(Level.Trial)
  public void open() {
    List<EventSpec> specs = RawGroup.SOFTWARE.subList(0, events).stream()
        .map(EventCatalog::parse).toList();
    ProbeOffer offer = PerfEventProbeProvider.reading(path).open(specs,
        new ProbeRequest(Mode.PERF, List.of()));
    if (offer.probe().isEmpty() || offer.probe().get().metrics().size() != events) {
      throw new IllegalStateException("cannot count " + events + " software events here: "
          + offer.unavailable());
    }
    probe = offer.probe().get();
    raw = new RawGroup(path, events);
    if (raw.enable() != 0) {
      throw new IllegalStateException("cannot enable the raw group");
    }
    values = new double[events];
    fractions = new double[events];
  }

  @TearDown(Level.Trial)
  public void close() {
    probe.close();
    raw.close();
  }

  /** One measured invocation's bracket with an empty workload. */
  @Benchmark
  public void beginEnd(Blackhole bh) {
    probe.begin();
    probe.end(values, fractions);
    bh.consume(values[0]);
  }

  /** The limit: two bare group reads (begin's and end's), nothing computed. */
  @Benchmark
  public long twoRawReads() {
    return raw.reader.read() + raw.reader.read();
  }
}
