package dev.countersign.junit;

import dev.countersign.check.CheckSettings;
import dev.countersign.results.RegressionLimit;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Measurements;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import dev.countersign.runner.Workload;
import dev.countersign.stats.SamplingRule;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Enough data, automatically: after the planned iterations, while some metric is not yet precise
 * enough for its threshold ({@link SamplingRule}) and another batch fits in the time budget, the
 * test runs another batch of the same number of iterations (without warm-up: the JVM is warm).
 *
 * <p>Time budget: system property {@code countersign.maxTime}, per test, in seconds ({@code 30},
 * {@code 30s}, {@code 500ms}, {@code 2m}); default 0 = off, the planned iterations only. The
 * budget counts from the first warm-up invocation; a batch is started only when the batches so
 * far, on average, say it will end within the budget. Thresholds: {@code @MaxRegression} for its
 * metric, else {@code countersign.threshold}, else {@value CheckSettings#DEFAULT_THRESHOLD}%.
 */
final class SequentialSampling {

  static final String MAX_TIME_PROPERTY = "countersign.maxTime";
  static final String THRESHOLD_PROPERTY = "countersign.threshold";

  private final double maxSeconds;
  private final PerfTestSpec spec;
  private final double defaultThreshold;
  private final LongSupplier nanoClock;

  SequentialSampling(double maxSeconds, PerfTestSpec spec, double defaultThreshold,
      LongSupplier nanoClock) {
    this.maxSeconds = maxSeconds;
    this.spec = spec;
    this.defaultThreshold = defaultThreshold;
    this.nanoClock = nanoClock;
  }

  /**
   * Reads the properties.
   *
   * @throws InvalidPerfTestException when {@code countersign.maxTime} or {@code
   *     countersign.threshold} is not a valid value
   */
  static SequentialSampling of(PerfTestSpec spec, UnaryOperator<String> properties) {
    return new SequentialSampling(seconds(properties.apply(MAX_TIME_PROPERTY)), spec,
        threshold(properties.apply(THRESHOLD_PROPERTY)), System::nanoTime);
  }

  /** The planned batch, then more batches while needed and affordable. */
  Measurement run(Runner runner, RunPlan plan, Workload workload) throws Throwable {
    long start = nanoClock.getAsLong();
    Measurement m = runner.run(plan, workload);
    if (maxSeconds <= 0) {
      return m;
    }
    RunPlan more = new RunPlan(plan.events(), plan.derived(), 0, plan.iterations(),
        plan.opsPerInvocation(), plan.request());
    int batches = 1;
    while (true) {
      double elapsed = (nanoClock.getAsLong() - start) / 1e9;
      if (elapsed + elapsed / batches > maxSeconds
          || SamplingRule.imprecise(m.metrics(), this::thresholdOf).isEmpty()) {
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

  static double seconds(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    double scale = 1;
    if (v.endsWith("ms")) {
      scale = 1e-3;
      v = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      v = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      scale = 60;
      v = v.substring(0, v.length() - 1);
    }
    try {
      double s = Double.parseDouble(v.strip()) * scale;
      if (s >= 0 && Double.isFinite(s)) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidPerfTestException("system property " + MAX_TIME_PROPERTY + "='" + value
        + "' is not a time budget; give seconds ≥ 0 such as 30, 30s, 500ms or 2m (0 = off)");
  }

  static double threshold(String value) {
    if (value == null || value.isBlank()) {
      return CheckSettings.DEFAULT_THRESHOLD;
    }
    try {
      double t = Double.parseDouble(value.strip());
      if (t >= 0 && Double.isFinite(t)) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidPerfTestException("system property " + THRESHOLD_PROPERTY + "='" + value
        + "' is not a percentage ≥ 0 (default " + CheckSettings.DEFAULT_THRESHOLD + ")");
  }
}
