package dev.countersign.runner;

import dev.countersign.results.UnavailableMetric;
import dev.countersign.sim.agent.GuestActivity;
import java.util.List;
import java.util.Optional;

/**
 * Measures some metrics around each measured invocation. {@link #begin()} and {@link #end} are
 * called on the test thread immediately before and after each invocation; they should not
 * allocate, so as not to disturb what is measured.
 */
public interface Probe extends AutoCloseable {

  /** The metrics recorded, in the order {@link #end} writes them. */
  List<ProbedMetric> metrics();

  /** Starts counting one invocation. */
  void begin();

  /**
   * Stops counting and writes the invocation's totals (not yet divided by ops).
   *
   * @param values one total per metric; {@code NaN} when the counter was never scheduled in this
   *     invocation, or its count could not be read ("not counted")
   * @param fractionCounted per metric, the fraction of the enabled time it was counted (1.0 when
   *     not multiplexed; {@code NaN} when the notion does not apply)
   */
  void end(double[] values, double[] fractionCounted);

  /**
   * Whether this probe's own code runs inside the invocation (the simulator), so that its counts
   * are what the planned warm-up makes them: its counting paths are JIT-compiled and its tables
   * grown during warm-up, and the measuring loop adds no settling invocations ({@link
   * Runner#SETTLE_INVOCATIONS}) where such a probe is open. Every probe, this or not, is begun and
   * ended around the warm-up invocations, their values discarded.
   */
  default boolean warmsUpWithWorkload() {
    return false;
  }

  /**
   * Whether this probe's counts include any CPU work done between its {@link #begin} and {@link
   * #end}, the other probes' reads included (kernel and PMU counters do; the JVM's allocation and
   * GC counters and the simulator, which counts only instrumented code, do not). Such probes are
   * begun last and ended first, innermost, so that the other probes' work stays outside their
   * window.
   */
  default boolean countsHarnessWork() {
    return false;
  }

  /**
   * Whether this probe counts the code the measured thread runs, JDK code included, while
   * ignoring everything else (the simulator): it is begun after and ended before every other
   * probe, even those that {@linkplain #countsHarnessWork() count the harness's work}, so that
   * their reads (JDK and JNA code on this thread) stay outside its window.
   */
  default boolean innermost() {
    return false;
  }

  /**
   * Forgets the spans ended so far: they were no measured invocation (the warm-up's, the harness
   * floor's empty spans, {@link ProbeSet#harnessFloor}, the settling invocations). A probe that
   * keeps statistics over its spans (the JVM probe's disturbed invocations) resets them here.
   */
  default void forgetSpans() {}

  /** Guest-side VM-exit causes of the invocation just ended, if this probe observes them. */
  default Optional<GuestActivity> guestActivity() {
    return Optional.empty();
  }

  /**
   * Metrics of this probe whose values this run cannot vouch for (e.g. JVM-wide counts while other
   * threads were busy), with why; asked once after the last measured invocation. Their series are
   * left out and these reported instead.
   */
  default List<UnavailableMetric> disturbed() {
    return List.of();
  }

  /**
   * As {@link #disturbed()}, for the last span from {@code begin} to {@code end} alone: where a
   * caller aggregates spans by their mean (JMH's iterations), one disturbed span is enough to
   * make the mean someone else's.
   */
  default List<UnavailableMetric> disturbedLastSpan() {
    return List.of();
  }

  /** Releases what the probe holds (file descriptors, agent state); never throws. */
  @Override
  void close();
}
