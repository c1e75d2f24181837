package dev.countersign.compare;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side's rounds of a test as one result, for the report: every round's samples, each round a
 * fork of its own (fork index = round, from 1: a fresh JVM each), so that the plots and sample
 * counts show all of B's rounds as they show all of A's, not B's last round beside A's six.
 * The verdicts do not read it: they pair the rounds ({@link CompareJudge}).
 */
final class PooledRounds {

  private PooledRounds() {}

  /**
   * @param rounds the side's results of one test, in round order, at least one
   * @return the last round's result (test, environment, budgets, unavailable metrics) with the
   *     samples of every round that measured each metric
   */
  static TestResult of(List<TestResult> rounds) {
    TestResult last = rounds.get(rounds.size() - 1);
    if (rounds.size() == 1) {
      return last;
    }
    List<MetricSeries> pooled = new ArrayList<>();
    int iterations = 0;
    for (TestResult r : rounds) {
      iterations += r.configuration().iterations();
    }
    for (MetricSeries m : last.metrics()) {
      List<Double> perOp = new ArrayList<>();
      List<Double> fraction = new ArrayList<>();
      List<Integer> fork = new ArrayList<>();
      boolean fractions = true;
      for (int k = 0; k < rounds.size(); k++) {
        Optional<MetricSeries> x = rounds.get(k).metric(m.name());
        if (x.isEmpty()) {
          continue;
        }
        perOp.addAll(x.get().perOp());
        fractions &= x.get().fractionCounted().size() == x.get().perOp().size();
        fraction.addAll(x.get().fractionCounted());
        for (int i = 0; i < x.get().perOp().size(); i++) {
          fork.add(k + 1);
        }
      }
      pooled.add(m.withSamples(perOp, fractions ? fraction : List.of(), fork));
    }
    RunConfiguration c = last.configuration();
    RunConfiguration all = new RunConfiguration(c.mode(), c.warmup(), iterations,
        c.opsPerInvocation(), rounds.size(), c.agents(), c.jdk());
    return new TestResult(last.schemaVersion(), last.test(), all, last.environment(), pooled,
        last.unavailable(), last.budgets(), last.maxRegressions(), last.informational());
  }
}
