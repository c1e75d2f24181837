package dev.countersign.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a test was run.
 *
 * @param mode the requested mode: {@code auto}, {@code perf} or {@code sim}
 * @param warmup unmeasured invocations per JVM
 * @param iterations measured invocations in all (with forks, spread over them), including any
 *     extra batches taken by sequential sampling
 * @param opsPerInvocation operations per invocation (the divisor of every value)
 * @param forks JVMs measured: 1 = the test JVM itself; N > 1 = N fresh JVMs, none in the test JVM
 * @param agents the JVM agents present besides Countersign's own ({@link JvmAgents}), sorted;
 *     null in files written before they were recorded (see {@link
 *     dev.countersign.check.MetricIdentity})
 */
public record RunConfiguration(
    String mode, int warmup, int iterations, long opsPerInvocation, int forks,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<JvmAgent> agents) {

  public RunConfiguration {
    agents = agents == null ? null : List.copyOf(agents);
  }

  /** A configuration that does not record its agents (as files written before they were). */
  public RunConfiguration(String mode, int warmup, int iterations, long opsPerInvocation,
      int forks) {
    this(mode, warmup, iterations, opsPerInvocation, forks, null);
  }

  /** This configuration with the given agents. */
  public RunConfiguration withAgents(List<JvmAgent> agents) {
    return new RunConfiguration(mode, warmup, iterations, opsPerInvocation, forks, agents);
  }
}
