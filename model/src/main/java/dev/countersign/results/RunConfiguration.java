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
 * @param jdk the JDK that ran the tests, vendor and runtime version ({@link #currentJdk()}): the
 *     simulator counts the JDK's own bytecode, so its counts differ between JDKs; null in files
 *     written before the simulator counted the JDK
 */
public record RunConfiguration(
    String mode, int warmup, int iterations, long opsPerInvocation, int forks,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<JvmAgent> agents,
    @JsonInclude(JsonInclude.Include.NON_NULL) String jdk) {

  public RunConfiguration {
    agents = agents == null ? null : List.copyOf(agents);
  }

  /** A configuration that does not record its JDK (as files written before it was). */
  public RunConfiguration(String mode, int warmup, int iterations, long opsPerInvocation,
      int forks, List<JvmAgent> agents) {
    this(mode, warmup, iterations, opsPerInvocation, forks, agents, null);
  }

  /** This JVM's JDK: {@code java.vendor} and {@code java.runtime.version}, e.g. {@code Eclipse Adoptium 25+36-LTS}. */
  public static String currentJdk() {
    return System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
  }

  /** A configuration that does not record its agents (as files written before they were). */
  public RunConfiguration(String mode, int warmup, int iterations, long opsPerInvocation,
      int forks) {
    this(mode, warmup, iterations, opsPerInvocation, forks, null);
  }

  /** This configuration with the given agents. */
  public RunConfiguration withAgents(List<JvmAgent> agents) {
    return new RunConfiguration(mode, warmup, iterations, opsPerInvocation, forks, agents, jdk);
  }
}
