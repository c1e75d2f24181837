package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The validation of docs/statistics.md at a size that runs in seconds (fewer builds and 2,000
 * resamples); {@link FullSimulationTest} runs the full size on demand.
 */
class StatisticalValidationTest {

  private static final ComparisonSettings QUICK =
      new ComparisonSettings(0.05, 0.95, 2_000, Correction.HOLM, true);

  /** A/A, 50 metrics per build, CV 3%, n = 20: no build with a false REGRESSION to speak of. */
  @Test
  void aaBuildsRarelyRaiseAFalseRegression() {
    Simulation sim = new Simulation(QUICK, 50, 20);
    Simulation.Tally t = sim.aa(100, 0.03, new double[] {2, 5}, 1);
    assertTrue(t.buildsWithRegression()[0] <= 1, "threshold 2%: " + t.buildsWithRegression()[0]);
    assertTrue(t.buildsWithRegression()[1] <= 1, "threshold 5%: " + t.buildsWithRegression()[1]);
  }

  /** The same builds without correction and threshold: the gate would cry wolf in most builds. */
  @Test
  void withoutCorrectionAndThresholdMostAaBuildsWouldFail() {
    Simulation sim = new Simulation(
        new ComparisonSettings(0.05, 0.95, 2_000, Correction.NONE, true), 50, 20);
    Simulation.Tally t = sim.aa(40, 0.03, new double[] {0}, 1);
    assertTrue(t.regressionRate(0) > 0.3, "rate " + t.regressionRate(0));
  }

  /** A 5% shift at CV 2%, n = 20, among 49 unchanged metrics (Holm over 50): found ≥ 90%. */
  @Test
  void fivePercentShiftAtTwoPercentNoiseIsFound() {
    Simulation sim = new Simulation(QUICK, 50, 20);
    Simulation.Tally t = sim.shifted(60, 0.02, 1.05, false, new double[] {2}, 2);
    assertTrue(t.regressions()[0] >= 0.9 * 60, "found " + t.regressions()[0] + " of 60");
  }

  /** A 1% change of a deterministic metric beyond a 0.5% threshold: always a REGRESSION. */
  @Test
  void onePercentDeterministicChangeIsAlwaysFound() {
    Simulation sim = new Simulation(QUICK, 50, 20);
    Simulation.Tally t = sim.shifted(100, 0, 1.01, true, new double[] {0.5}, 3);
    assertEquals(100, t.regressions()[0]);
    assertEquals(100 * 49, t.unchanged()[0], "the 49 unchanged deterministic metrics");
  }
}
