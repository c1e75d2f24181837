package dev.countersign.workloads.noise;

import dev.countersign.check.Check;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.util.List;

/**
 * A known regression on real samples: a run's results with one test's metric multiplied by a
 * factor, as that much more work would move it; what {@code check} makes of it measures its power.
 */
final class ScaledRun {

  private ScaledRun() {}

  /** {@code results} written to {@code into}, the {@code method}'s {@code metric} × factor. */
  static ResultStore write(List<TestResult> results, ResultStore into, String method,
      String metric, double factor) {
    for (TestResult t : results) {
      if (!t.test().methodName().equals(method)) {
        into.write(t);
        continue;
      }
      List<MetricSeries> metrics = t.metrics().stream().map(m -> !m.name().equals(metric) ? m
          : m.withSamples(m.perOp().stream().map(v -> v * factor).toList(), m.fractionCounted(),
              m.fork())).toList();
      into.write(new TestResult(t.schemaVersion(), t.test(), t.configuration(), t.environment(),
          metrics, t.unavailable(), t.budgets(), t.maxRegressions(), t.informational()));
    }
    return into;
  }

  /** Whether {@code check} of {@code results} against {@code baseline} calls the row REGRESSION. */
  static boolean caught(ResultStore results, BaselineStore baseline, String test, String metric) {
    return new Check(Comparators.standard()).run(results, baseline, CheckSettings.defaults())
        .rows().stream().anyMatch(x -> x.test().equals(test) && x.metric().equals(metric)
            && x.verdict() == Verdict.REGRESSION);
  }
}
