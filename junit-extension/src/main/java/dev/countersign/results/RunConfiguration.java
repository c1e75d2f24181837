package dev.countersign.results;

/**
 * How a test was run.
 *
 * @param mode the requested mode: {@code auto}, {@code perf} or {@code sim}
 * @param warmup unmeasured invocations per JVM
 * @param iterations measured invocations in all
 * @param opsPerInvocation operations per invocation (the divisor of every value)
 * @param forks JVMs the iterations were spread over (1 = the test JVM only)
 */
public record RunConfiguration(
    String mode, int warmup, int iterations, long opsPerInvocation, int forks) {}
