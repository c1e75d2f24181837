package dev.countersign.changepoint;

import java.util.Random;

/** Seeded Gaussian series of builds for the validation of the detector's defaults. */
final class SyntheticSeries {

  private final Random random;

  SyntheticSeries(long seed) {
    random = new Random(seed);
  }

  /** {@code builds} values around {@code mean} with the coefficient of variation {@code cv}. */
  double[] flat(int builds, double mean, double cv) {
    return step(builds, builds, mean, 0, cv);
  }

  /** Values around {@code mean} until {@code at}, then around {@code mean·(1+step)}. */
  double[] step(int builds, int at, double mean, double step, double cv) {
    double[] v = new double[builds];
    for (int i = 0; i < builds; i++) {
      double level = i < at ? mean : mean * (1 + step);
      v[i] = level * (1 + cv * random.nextGaussian());
    }
    return v;
  }

  int nextInt(int from, int to) {
    return from + random.nextInt(to - from);
  }
}
