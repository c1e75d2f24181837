package dev.countersign.junit;

import dev.countersign.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.jvm.JvmProbeProvider;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import java.lang.reflect.Method;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sequential sampling with the real runner and JVM probe; only the clock is simulated. */
class SequentialSamplingTest {

  static final class Subjects {
    @PerfTest(warmup = 0, iterations = 10, events = "alloc-bytes")
    @MaxRegression(event = "alloc-bytes", percent = 2)
    void allocating() {}
  }

  private static PerfTestSpec spec() throws NoSuchMethodException {
    Method m = Subjects.class.getDeclaredMethod("allocating");
    return PerfTestSpec.of(m, Settings.none());
  }

  private static final Runner RUNNER = new Runner(List.of(new JvmProbeProvider()), List.of());

  /** A clock that advances one second each time it is read. */
  private static java.util.function.LongSupplier ticking() {
    AtomicLong t = new AtomicLong();
    return () -> t.getAndAdd(1_000_000_000L);
  }

  private static Measurement run(double maxSeconds, Workload w) throws Throwable {
    return run(maxSeconds, 0, w);
  }

  private static Measurement run(double maxSeconds, double measureSeconds, Workload w)
      throws Throwable {
    PerfTestSpec spec = spec();
    RunPlan plan = new RunPlan(spec.events(), spec.derived(), spec.warmup(), spec.iterations(),
        spec.opsPerInvocation(), new ProbeRequest(spec.mode(), spec.threads()));
    return new SequentialSampling(maxSeconds, measureSeconds, spec, 5, ticking())
        .run(RUNNER, plan, w);
  }

  @Test
  void aMeasuringTimeTakesBatchesWhateverTheirPrecision() throws Throwable {
    // precise from the first batch; the clock reads 1 s after it, then one second more per batch:
    // batches go on while less than 3 s passed since the first ended: 3 more, 40 iterations
    Measurement m = run(0, 3, () -> sink = new byte[1 << 20]);
    assertEquals(40, m.metric("alloc-bytes").orElseThrow().perOp().size());
    // with a time budget as well, the longer of the two rules decides
    SplittableRandom r = new SplittableRandom(1);
    assertEquals(60, run(6, 1, () -> sink = new byte[1024 * (64 + r.nextInt(192))])
        .metric("alloc-bytes").orElseThrow().perOp().size());
  }

  private static Object sink;

  /** Allocation sizes that vary by a factor of up to 4: never precise enough for 2%. */
  @Test
  void noisyMetricTakesMoreBatchesUntilTheBudgetIsSpent() throws Throwable {
    SplittableRandom r = new SplittableRandom(1);
    Measurement m = run(6, () -> sink = new byte[1024 * (64 + r.nextInt(192))]);
    // clock: start 0; after batch k the reading is k s, and a batch is started while
    // k + k/k ≤ 6, i.e. after batches 1..5: 5 extra batches, 60 iterations
    assertEquals(60, m.metric("alloc-bytes").orElseThrow().perOp().size());
  }

  @Test
  void preciseMetricStopsAfterThePlannedIterations() throws Throwable {
    Measurement m = run(6, () -> sink = new byte[1 << 20]);
    assertEquals(10, m.metric("alloc-bytes").orElseThrow().perOp().size());
  }

  @Test
  void offByDefault() throws Throwable {
    SplittableRandom r = new SplittableRandom(2);
    Measurement m = run(0, () -> sink = new byte[1024 * (64 + r.nextInt(192))]);
    assertEquals(10, m.metric("alloc-bytes").orElseThrow().perOp().size());
  }

  @Test
  void thresholdComesFromMaxRegressionThenPropertyThenDefault() throws Throwable {
    SequentialSampling s = SequentialSampling.of(spec(),
        Settings.of(k -> k.equals(Settings.THRESHOLD) ? "3" : null));
    assertEquals(2, s.thresholdOf("alloc-bytes"));
    assertEquals(3, s.thresholdOf("gc-count"));
    assertEquals(5, SequentialSampling.of(spec(), Settings.none()).thresholdOf("gc-count"));
  }

  @Test
  void badSettingsAreAnInvalidPerfTestNamingTheKey() {
    InvalidPerfTestException e = assertThrows(InvalidPerfTestException.class,
        () -> SequentialSampling.of(spec(), Settings.of(k -> k.equals(Settings.MAX_TIME) ? "soon" : null)));
    assertTrue(e.getMessage().contains("countersign.maxTime='soon'")
        && e.getMessage().contains("30s"), e.getMessage());
    assertThrows(InvalidPerfTestException.class, () -> SequentialSampling.of(spec(),
        Settings.of(k -> k.equals(Settings.THRESHOLD) ? "five" : null)));
  }
}
