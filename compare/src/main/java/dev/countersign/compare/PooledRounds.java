package dev.countersign.compare;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side's rounds of a test as one result: every round's samples, each round a group of its
 * own and the forks within a round apart (group {@code round × 1000 + fork}, rounds from 1). The
 * report reads it, so that the plots and sample counts show all of B's rounds as they show all of
 * A's, and B's budgets are judged on it ({@link dev.countersign.stats.BudgetJudge} resamples the
 * groups first, so the spread between JVMs counts). The paired verdicts do not read it: they pair
 * the rounds ({@link CompareJudge}).
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
      metric(rounds, m.name()).ifPresent(pooled::add);
    }
    RunConfiguration c = last.configuration();
    RunConfiguration all = new RunConfiguration(c.mode(), c.warmup(), iterations,
        c.opsPerInvocation(), rounds.size(), c.agents(), c.jdk());
    return new TestResult(last.schemaVersion(), last.test(), all, last.environment(), pooled,
        last.unavailable(), last.budgets(), last.maxRegressions(), last.informational());
  }

  /**
   * The named metric's samples of every round that measured it, grouped by round and fork; the
   * first such round's series gives name, source, unit and meaning. Empty when no round has it.
   */
  static Optional<MetricSeries> metric(List<TestResult> rounds, String name) {
    MetricSeries first = null;
    List<Double> perOp = new ArrayList<>();
    List<Double> fraction = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    boolean fractions = true;
    for (int k = 0; k < rounds.size(); k++) {
      Optional<MetricSeries> x = rounds.get(k).metric(name);
      if (x.isEmpty()) {
        continue;
      }
      first = first == null ? x.get() : first;
      List<Integer> forks = x.get().fork();
      perOp.addAll(x.get().perOp());
      fractions &= x.get().fractionCounted().size() == x.get().perOp().size();
      fraction.addAll(x.get().fractionCounted());
      for (int i = 0; i < x.get().perOp().size(); i++) {
        group.add((k + 1) * 1_000 + (forks.isEmpty() ? 0 : forks.get(i)));
      }
    }
    return first == null ? Optional.empty()
        : Optional.of(first.withSamples(perOp, fractions ? fraction : List.of(), group));
  }
}
