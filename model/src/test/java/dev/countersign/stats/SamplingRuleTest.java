package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingRuleTest {

  private static MetricSeries series(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double x : v) {
      l.add(x);
    }
    return new MetricSeries("task-clock", Source.KERNEL, "ns", l);
  }

  @Test
  void constantSeriesIsPreciseAtAnyThreshold() {
    assertEquals(0, SamplingRule.halfWidthPercent(series(new double[] {5, 5, 5})));
    assertTrue(SamplingRule.precise(series(new double[] {5, 5, 5}), 0));
  }

  @Test
  void halfWidthShrinksWithMoreSamples() {
    SplittableRandom r = new SplittableRandom(1);
    double few = SamplingRule.halfWidthPercent(series(MedianBootstrapTest.lognormal(r, 20, 100,
        0.05)));
    double many = SamplingRule.halfWidthPercent(series(MedianBootstrapTest.lognormal(r, 320, 100,
        0.05)));
    // the interval of a median narrows as 1/√n: 16 times the samples, about a quarter the width
    assertTrue(many < few / 2.5 && many > few / 6, few + " vs " + many);
  }

  @Test
  void noiseAgainstThresholdDecides() {
    SplittableRandom r = new SplittableRandom(2);
    MetricSeries quiet = series(MedianBootstrapTest.lognormal(r, 20, 100, 0.005));
    MetricSeries noisy = series(MedianBootstrapTest.lognormal(r, 20, 100, 0.10));
    assertTrue(SamplingRule.precise(quiet, 5));
    assertFalse(SamplingRule.precise(noisy, 5));
    assertEquals(List.of(noisy), SamplingRule.imprecise(List.of(quiet, noisy), m -> 5));
  }

  @Test
  void zeroMedianWithSomeNonZeroValuesIsNeverPrecise() {
    double[] v = new double[20];
    v[0] = 1;
    v[1] = 1;
    v[2] = 1;
    v[3] = 1;
    v[4] = 1;
    v[5] = 1;
    v[6] = 1;
    v[7] = 1;
    assertEquals(Double.POSITIVE_INFINITY, SamplingRule.halfWidthPercent(series(v)));
  }
}
