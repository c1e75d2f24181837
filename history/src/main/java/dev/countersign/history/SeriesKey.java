package dev.countersign.history;

import dev.countersign.check.MetricIdentity;
import dev.countersign.results.JvmAgent;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes values comparable across builds: one trend per key. Values of another source,
 * meaning, unit or environment are another trend, never mixed into this one.
 *
 * @param module {@code groupId:artifactId}
 * @param test {@code <fully qualified class>.<method>}
 * @param metric the metric name
 * @param source where the values came from
 * @param meaning the rest of the value's {@link MetricIdentity} ({@link #meaningOf}): kernel mode
 *     counted or not, the VM-exit feed, plain or instrumented code, other JVM agents, the JDK and
 *     cost model of simulated values; empty when
 *     there is none of these
 * @param unit unit of one value per op
 * @param environment the {@link EnvironmentFingerprint#id() fingerprint} of the machine
 */
public record SeriesKey(String module, String test, String metric, Source source,
    String meaning, String unit, String environment) {

  /**
   * {@code kernel=excluded; feed=perf; code=plain; agents=javaagent org.jacoco.agent-runtime}:
   * canonical.
   */
  public static String meaningOf(MetricIdentity identity) {
    List<String> parts = new ArrayList<>();
    if (identity.kernel() != null) {
      parts.add("kernel=" + identity.kernel().id());
    }
    if (identity.feed() != null) {
      parts.add("feed=" + identity.feed().id());
    }
    if (identity.code() != null) {
      parts.add("code=" + identity.code().id());
    }
    if (!identity.agents().isEmpty()) {
      parts.add("agents=" + String.join(", ",
          identity.agents().stream().map(JvmAgent::toString).toList()));
    }
    if (identity.jdk() != null) {
      parts.add("jdk=" + identity.jdk());
    }
    if (identity.costModel() != null) {
      parts.add("model=" + identity.costModel());
    }
    return String.join("; ", parts);
  }

  /** {@code SimpleClass.method}, as the check table names tests. */
  public String testKey() {
    int hash = test.lastIndexOf('.', test.lastIndexOf('.') - 1);
    return test.substring(hash + 1).replace('$', '.');
  }

  /** Whether a larger value is better (a throughput unit), as for {@link MetricSeries}. */
  public boolean higherIsBetter() {
    return unit.startsWith(MetricSeries.THROUGHPUT_UNIT_PREFIX);
  }

  /** {@code Test.method instructions [sim, count, env 1a2b3c4d]}, the meaning after the source. */
  public String label() {
    return testKey() + " " + metric + " [" + source.id() + (meaning.isEmpty() ? "" : ", " + meaning)
        + ", " + unit + ", env " + environment.substring(0, Math.min(8, environment.length())) + "]";
  }
}
