package dev.countersign.junit;

import dev.countersign.check.CheckSettings;
import dev.countersign.results.RegressionLimit;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Measurements;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import dev.countersign.settings.InvalidSettingException;
import dev.countersign.settings.Settings;
import dev.countersign.stats.SamplingRule;
import java.util.function.LongSupplier;

/**
 * Enough data, automatically: after the planned iterations, while some metric is not yet precise
 * enough for its threshold ({@link SamplingRule}) and another batch fits in the time budget, the
 * test runs another batch of the same number of iterations (without warm-up: the JVM is warm;
 * with the settling invocations of {@link Runner#SETTLE_INVOCATIONS} where the plan has them).
 *
 * <p>Time budget: setting {@code countersign.maxTime}, per test, in seconds ({@code 30},
 * {@code 30s}, {@code 500ms}, {@code 2m}); default 0 = off, the planned iterations only. The
 * budget counts from the first warm-up invocation; a batch is started only when the batches so
 * far, on average, say it will end within the budget. Thresholds: {@code @MaxRegression} for its
 * metric, else {@code countersign.threshold}, else {@value CheckSettings#DEFAULT_THRESHOLD}%.
 *
 * <p>Measuring time: setting {@code countersign.measureTime} (same syntax; default 200 ms for a
 * test that measures time or scheduling, {@link PerfTestSpec#measuresTime()}, else 0 = off): after
 * the planned iterations, batches go on, whatever their precision, until this much time has passed
 * since the first batch ended — so that the samples of a fast test span more than the few
 * milliseconds of its planned iterations, and a run (or a round of {@code compare}) sees more than
 * one state of a shared machine ({@code compare} sets it for every test, default 200 ms there).
 */
final class SequentialSampling {

  private final double maxSeconds;
  private final double measureSeconds;
  private final PerfTestSpec spec;
  private final double defaultThreshold;
  private final LongSupplier nanoClock;

  SequentialSampling(double maxSeconds, double measureSeconds, PerfTestSpec spec,
      double defaultThreshold, LongSupplier nanoClock) {
    this.maxSeconds = maxSeconds;
    this.measureSeconds = measureSeconds;
    this.spec = spec;
    this.defaultThreshold = defaultThreshold;
    this.nanoClock = nanoClock;
  }

  /**
   * Reads the settings.
   *
   * @throws InvalidPerfTestException when {@code countersign.maxTime} or {@code
   *     countersign.threshold} is not a valid value
   */
  static SequentialSampling of(PerfTestSpec spec, Settings settings) {
    try {
      return new SequentialSampling(settings.maxTimeSeconds(),
          settings.measureSeconds(spec.measuresTime()), spec,
          settings.threshold(), System::nanoTime);
    } catch (InvalidSettingException e) {
      throw new InvalidPerfTestException(e.getMessage());
    }
  }

  /** The planned batch, then more batches while needed and affordable. */
  Measurement run(Runner runner, RunPlan plan, Workload workload) throws Throwable {
    long start = nanoClock.getAsLong();
    Measurement m = runner.run(plan, workload);
    if (maxSeconds <= 0 && measureSeconds <= 0) {
      return m;
    }
    RunPlan more = new RunPlan(plan.events(), plan.derived(), 0, plan.iterations(),
        plan.opsPerInvocation(), plan.request(), 0, plan.settles());
    int batches = 1;
    long firstEnd = Long.MIN_VALUE;
    while (true) {
      long now = nanoClock.getAsLong();
      if (batches == 1) {
        firstEnd = now;
      }
      double elapsed = (now - start) / 1e9;
      boolean measuring = (now - firstEnd) / 1e9 < measureSeconds;
      boolean needed = maxSeconds > 0 && elapsed + elapsed / batches <= maxSeconds
          && !SamplingRule.imprecise(m.metrics(), this::thresholdOf).isEmpty();
      if (!measuring && !needed) {
        return m;
      }
      m = Measurements.concat(m, runner.run(more, workload));
      batches++;
    }
  }

  double thresholdOf(String metric) {
    return spec.maxRegressions().stream()
        .filter(l -> l.metric().equals(metric))
        .mapToDouble(RegressionLimit::percent)
        .findFirst()
        .orElse(defaultThreshold);
  }
}
