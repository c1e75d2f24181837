package dev.countersign.changepoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validates {@link ChangePointSettings#DEFAULTS} by seeded simulation: the figures of
 * docs/history.md.
 */
class EDivisiveValidationTest {

  private final EDivisive detector = new EDivisive(ChangePointSettings.DEFAULTS);

  @Test
  void flatSeriesAtCv3PercentHaveAtMostOneFalseChangePointPer1000Builds() {
    SyntheticSeries gen = new SyntheticSeries(20261201L);
    int series = 40;
    int builds = 1_000;
    int found = 0;
    for (int s = 0; s < series; s++) {
      found += detector.detect(gen.flat(builds, 1_000, 0.03)).size();
    }
    int total = series * builds;
    System.out.printf("flat CV 3%%: %d false change points in %d builds%n", found, total);
    assertTrue(found <= total / 1_000,
        found + " false change points in " + total + " builds of flat series at CV 3%");
  }

  @Test
  void aFivePercentStepAtCv2PercentIsFoundWithinFiveBuildsInNinetyPercentOfTrials() {
    SyntheticSeries gen = new SyntheticSeries(42L);
    int trials = 300;
    int hits = 0;
    int extra = 0;
    for (int t = 0; t < trials; t++) {
      int at = gen.nextInt(20, 80);
      List<ChangePoint> points = detector.detect(gen.step(100, at, 1_000, 0.05, 0.02));
      boolean hit = points.stream().anyMatch(p -> Math.abs(p.index() - at) <= 5);
      hits += hit ? 1 : 0;
      extra += points.size() - (hit ? 1 : 0);
    }
    System.out.printf("5%% step at CV 2%%: found within 5 builds in %d of %d trials;"
        + " %d other change points%n", hits, trials, extra);
    assertTrue(hits >= trials * 0.9, "found in " + hits + " of " + trials + " trials");
  }
}
