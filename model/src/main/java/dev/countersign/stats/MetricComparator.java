package dev.countersign.stats;

import java.util.List;

/**
 * Compares all metrics of one build against their baselines at once, so that a correction for
 * testing many metrics can be applied across them.
 */
public interface MetricComparator {

  /** One comparison per request, in the same order. Deterministic: same input, same output. */
  List<Comparison> compareAll(List<ComparisonRequest> requests);

  /** One line naming the method, confidence and correction, printed under the table. */
  String describe();
}
