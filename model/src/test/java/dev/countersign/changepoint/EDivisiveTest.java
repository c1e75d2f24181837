package dev.countersign.changepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class EDivisiveTest {

  private final EDivisive detector = new EDivisive(ChangePointSettings.DEFAULTS);

  @Test
  void sixBuildsWithAStepAtTheFourthHaveOneChangePointThere() {
    List<ChangePoint> points = detector.detect(new double[] {100.2, 99.9, 100.0, 110.1, 109.8, 110.0});
    assertEquals(1, points.size(), points.toString());
    assertEquals(3, points.get(0).index());
    assertEquals(10.0, points.get(0).changePercent(), 0.2);
  }

  @Test
  void deterministicCountsFindAnExactStepAndNothingElse() {
    double[] v = new double[30];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 17 ? 92_195 : 94_243;
    }
    List<ChangePoint> points = detector.detect(v);
    assertEquals(1, points.size(), points.toString());
    assertEquals(17, points.get(0).index());
    assertEquals(0.0, points.get(0).pValue());
  }

  @Test
  void aConstantSeriesHasNoChangePoint() {
    assertEquals(List.of(), detector.detect(new double[] {5, 5, 5, 5, 5, 5, 5, 5}));
    assertEquals(List.of(), detector.detect(new double[] {}));
    assertEquals(List.of(), detector.detect(new double[] {1}));
  }

  @Test
  void aSignificantChangeBelowTheMinimumMagnitudeIsDropped() {
    double[] v = new double[20];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 10 ? 1_000 : 1_005; // +0.5%, exact, so p = 0
    }
    assertEquals(List.of(), detector.detect(v));
    List<ChangePoint> loose = new EDivisive(new ChangePointSettings(50, 0.001, 0.001)).detect(v);
    assertEquals(1, loose.size());
    assertEquals(10, loose.get(0).index());
  }

  @Test
  void findsARiseAndALaterFallInALongSeriesAcrossWindows() {
    SyntheticSeries gen = new SyntheticSeries(7);
    double[] v = new double[300];
    double[] noise = gen.flat(300, 1, 0.01);
    for (int i = 0; i < v.length; i++) {
      double level = i < 120 ? 1_000 : i < 210 ? 1_080 : 1_020;
      v[i] = level * noise[i];
    }
    List<ChangePoint> points = detector.detect(v);
    assertEquals(2, points.size(), points.toString());
    assertTrue(Math.abs(points.get(0).index() - 120) <= 2, points.toString());
    assertTrue(points.get(0).changePercent() > 7, points.toString());
    assertTrue(Math.abs(points.get(1).index() - 210) <= 2, points.toString());
    assertTrue(points.get(1).changePercent() < -4, points.toString());
  }

  @Test
  void theSameSeriesAlwaysGivesTheSameChangePoints() {
    double[] v = new SyntheticSeries(3).step(200, 90, 50, 0.06, 0.03);
    assertEquals(detector.detect(v), detector.detect(v.clone()));
  }

  @Test
  void aNonFiniteValueIsAnErrorNamingItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> detector.detect(new double[] {1, 2, Double.NaN, 4}));
    assertTrue(e.getMessage().contains("value 2"), e.getMessage());
  }

  @Test
  void studentTAgreesWithCommonsMathPooledTest() {
    double[] v = new SyntheticSeries(11).step(40, 15, 100, 0.03, 0.02);
    double[] left = java.util.Arrays.copyOfRange(v, 0, 15);
    double[] right = java.util.Arrays.copyOfRange(v, 15, 40);
    assertEquals(new TTest().homoscedasticTTest(left, right), StudentT.pValue(v, 0, 15, 40), 1e-9);
  }

  @Test
  void magnitudeIsSymmetric() {
    ChangePoint up = new ChangePoint(1, 100, 105, 0);
    ChangePoint down = new ChangePoint(1, 105, 100, 0);
    assertEquals(up.magnitude(), down.magnitude(), 1e-12);
    assertEquals(5.0, up.changePercent(), 1e-9);
  }

  @Test
  void settingsOutOfRangeSayWhatIsValid() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ChangePointSettings(4, 0.001, 0.01)).getMessage().contains("at least 6"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ChangePointSettings(50, 0, 0.01)).getMessage().contains("above 0"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ChangePointSettings(50, 0.001, 5)).getMessage().contains("0.01 = 1%"));
  }
}
