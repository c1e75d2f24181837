package dev.countersign.stats;

/** The comparator {@code check} uses. */
public final class Comparators {

  private Comparators() {}

  public static MetricComparator standard() {
    return new MedianMannWhitneyComparator();
  }
}
