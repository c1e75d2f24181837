package dev.countersign.history;

import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;

/**
 * What makes values comparable across builds: one trend per key. Values of another source, unit
 * or environment are another trend, never mixed into this one.
 *
 * @param module {@code groupId:artifactId}
 * @param test {@code <fully qualified class>.<method>}
 * @param metric the metric name
 * @param source where the values came from
 * @param unit unit of one value per op
 * @param environment the {@link EnvironmentFingerprint#id() fingerprint} of the machine
 */
public record SeriesKey(String module, String test, String metric, Source source, String unit,
    String environment) {

  /** {@code SimpleClass.method}, as the check table names tests. */
  public String testKey() {
    int hash = test.lastIndexOf('.', test.lastIndexOf('.') - 1);
    return test.substring(hash + 1).replace('$', '.');
  }

  /** Whether a larger value is better (a throughput unit), as for {@link MetricSeries}. */
  public boolean higherIsBetter() {
    return unit.startsWith(MetricSeries.THROUGHPUT_UNIT_PREFIX);
  }

  /** {@code Test.method instructions [sim, count, env 1a2b3c4d]}. */
  public String label() {
    return testKey() + " " + metric + " [" + source.id() + ", " + unit + ", env "
        + environment.substring(0, Math.min(8, environment.length())) + "]";
  }
}
