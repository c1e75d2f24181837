package dev.countersign.results;

/**
 * How a test was run.
 *
 * @param mode the requested mode: {@code auto}, {@code perf} or {@code sim}
 * @param warmup unmeasured invocations per JVM
 * @param iterations measured invocations in all (with forks, spread over them), including any
 *     extra batches taken by sequential sampling
 * @param opsPerInvocation operations per invocation (the divisor of every value)
 * @param forks JVMs measured: 1 = the test JVM itself; N > 1 = N fresh JVMs, none in the test JVM
 */
public record RunConfiguration(
    String mode, int warmup, int iterations, long opsPerInvocation, int forks) {}
