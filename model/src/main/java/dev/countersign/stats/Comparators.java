package dev.countersign.stats;

/** The comparator {@code check} uses. */
public final class Comparators {

  private Comparators() {}

  /** The {@link StatisticalComparator} with its defaults (Holm correction). */
  public static MetricComparator standard() {
    return new StatisticalComparator(ComparisonSettings.defaults());
  }

  /** The {@link StatisticalComparator} with its defaults and the given correction. */
  public static MetricComparator standard(Correction correction) {
    return new StatisticalComparator(ComparisonSettings.defaults().withCorrection(correction));
  }
}
