package dev.countersign.compare;

import dev.countersign.results.TestResult;
import java.util.List;
import java.util.Set;

/** Runs the performance tests of one side once, in fresh JVMs, and returns their results. */
public interface RoundRunner {

  /**
   * @param side which side
   * @param round 1-based round number (for logs)
   * @param tests the tests to run, each as the fully qualified class name, a dot and the method
   *     ({@link Compare#idOf}), or empty = every test of the module (the first round, which also
   *     finds the tests)
   */
  List<TestResult> run(Side side, int round, Set<String> tests);
}
