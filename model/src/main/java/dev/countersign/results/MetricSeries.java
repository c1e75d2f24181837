package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Objects;

/**
 * All measured samples of one metric of one test: one value per measured iteration, already
 * divided by the operations per invocation.
 *
 * @param name the metric name (perf's event name, {@code alloc-bytes}, {@code
 *     vmexit.<host>.<REASON>})
 * @param source where the values came from
 * @param unit unit of one value per op: {@code count}, {@code ns}, {@code bytes}
 * @param perOp one value per measured iteration, per operation
 * @param fractionCounted per iteration, the fraction of the enabled time the counter was actually
 *     on the PMU (1.0 when not multiplexed); empty when the source has no such notion
 * @param fork per iteration, the index of the JVM fork it was measured in (0 = the test JVM);
 *     empty when all come from one JVM
 * @param kernel for a {@code perf_event_open} count ({@code pmu}, {@code kernel}, {@code
 *     tracepoint}), whether kernel mode was counted; null for other sources, and in files written
 *     before it was recorded (see {@link dev.countersign.check.MetricIdentity})
 * @param feed for a VM-exit estimate ({@code model}), the guest events it was derived from; null
 *     for other sources, and in files written before it was recorded
 * @param code for a value the simulator's instrumentation would change ({@link
 *     #affectedByInstrumentation()}), whether it was measured on plain or instrumented code; null
 *     for the simulator's own values, and in files written before it was recorded
 * @param costModel for a simulated value whose cost model is not the bytecode as written, that
 *     model ({@code jit-inlining-1} for {@code cycles} since the simulator charges the JIT's
 *     inlining, docs/simulator.md); null for other values, and in files written before it was
 *     recorded (simulated cycles of those followed the bytecode as written)
 */
public record MetricSeries(
    String name,
    Source source,
    String unit,
    @JsonDeserialize(using = SampleList.Deserializer.class) List<Double> perOp,
    @JsonDeserialize(using = SampleList.Deserializer.class) List<Double> fractionCounted,
    List<Integer> fork,
    @JsonInclude(JsonInclude.Include.NON_NULL) KernelCounting kernel,
    @JsonInclude(JsonInclude.Include.NON_NULL) VmExitFeed feed,
    @JsonInclude(JsonInclude.Include.NON_NULL) MeasuredCode code,
    @JsonInclude(JsonInclude.Include.NON_NULL) String costModel) {

  public MetricSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(unit, "unit");
    // held unboxed: a series may have 10^6 samples
    perOp = SampleList.copyOf(perOp);
    fractionCounted = fractionCounted == null ? List.of() : SampleList.copyOf(fractionCounted);
    fork = fork == null ? List.of() : List.copyOf(fork);
  }

  /** A series without a cost model of its own. */
  public MetricSeries(String name, Source source, String unit, List<Double> perOp,
      List<Double> fractionCounted, List<Integer> fork, KernelCounting kernel, VmExitFeed feed,
      MeasuredCode code) {
    this(name, source, unit, perOp, fractionCounted, fork, kernel, feed, code, null);
  }

  /** A series that does not record the code it was measured on. */
  public MetricSeries(String name, Source source, String unit, List<Double> perOp,
      List<Double> fractionCounted, List<Integer> fork, KernelCounting kernel, VmExitFeed feed) {
    this(name, source, unit, perOp, fractionCounted, fork, kernel, feed, null);
  }

  /** A series whose source has neither kernel counting nor a feed ({@code jvm}, {@code sim}). */
  public MetricSeries(String name, Source source, String unit, List<Double> perOp,
      List<Double> fractionCounted, List<Integer> fork) {
    this(name, source, unit, perOp, fractionCounted, fork, null, null);
  }

  public MetricSeries(String name, Source source, String unit, List<Double> perOp) {
    this(name, source, unit, perOp, List.of(), List.of());
  }

  /** This series with other samples; name, source, unit and meaning are kept. */
  public MetricSeries withSamples(List<Double> perOp, List<Double> fractionCounted,
      List<Integer> fork) {
    return new MetricSeries(name, source, unit, perOp, fractionCounted, fork, kernel, feed, code,
        costModel);
  }

  /** This series, recorded as measured on {@code code}. */
  public MetricSeries withCode(MeasuredCode code) {
    return new MetricSeries(name, source, unit, perOp, fractionCounted, fork, kernel, feed, code,
        costModel);
  }

  /**
   * Whether the simulator's instrumentation changes this value when present in the JVM: every
   * value not computed by the simulator itself — time, kernel and PMU counts, tracepoints, the
   * JVM's allocation and GC counts, and VM exits estimated from the perf feed. False for {@code
   * sim} values and VM exits estimated from the simulator's feed.
   */
  public boolean affectedByInstrumentation() {
    return affectedByInstrumentation(source, feed);
  }

  /** {@link #affectedByInstrumentation()} of a series of this source and VM-exit feed. */
  public static boolean affectedByInstrumentation(Source source, VmExitFeed feed) {
    return source != Source.SIM && !(source == Source.MODEL && feed == VmExitFeed.SIM);
  }

  /**
   * Whether a larger value is better: true for throughput units ({@code ops/s}, {@code ops/ms},
   * any unit starting with {@value #THROUGHPUT_UNIT_PREFIX}, as JMH's throughput mode writes
   * them); false for every cost (counts, bytes, time per op).
   */
  public boolean higherIsBetter() {
    return unit.startsWith(THROUGHPUT_UNIT_PREFIX);
  }

  /** Units starting with this are throughputs: higher is better. */
  public static final String THROUGHPUT_UNIT_PREFIX = "ops/";

  /** The values as a fresh array, for statistics. */
  public double[] values() {
    return ((SampleList) perOp).toDoubleArray();
  }
}
