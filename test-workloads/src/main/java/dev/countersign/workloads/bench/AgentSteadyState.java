package dev.countersign.workloads.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link AgentSlowdownBenchmark}'s invocations at steady state, without JMH: one level in this
 * JVM (start it with the agent for {@code counting} and {@code full}, without for {@code plain}),
 * each workload warmed up for {@code warmupSeconds} of wall time, then {@code measured}
 * invocations in 10 blocks, timed by the CPU time of this thread ({@code ThreadMXBean}: the time
 * the thread waits for a CPU on a loaded machine is not counted). The warm-up is wall time, not a
 * number of invocations, because what it waits for is the JIT's compiler threads: on a loaded
 * machine the instrumented JDK's methods reach C2 tens of seconds after they became hot (after
 * 1 500 invocations the counting hash-map workload still took 2.8 times its time after 10 000).
 * Prints one line per workload: {@code steady <level> <workload> <median> <min> <first> <last>},
 * CPU µs per invocation of the median and the fastest block and of the first and last block
 * (first well above last: not yet steady). {@code AgentSteadyStateFiguresTest} starts it.
 *
 * <pre>java [-javaagent:countersign-agent.jar] -cp ... AgentSteadyState level warmupSeconds
 *     measured [workload,workload...]</pre>
 */
public final class AgentSteadyState {

  /** Blocks the measured invocations are split into (the median block is reported). */
  static final int BLOCKS = 10;

  private AgentSteadyState() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: AgentSteadyState <plain|counting|full>"
          + " <warm-up seconds>"
          + " <measured invocations> [checksum,encode,hashmap,jackson]");
    }
    String level = args[0];
    long warmupNanos = (long) (Double.parseDouble(args[1]) * 1e9);
    int perBlock = Math.max(1, Integer.parseInt(args[2]) / BLOCKS);
    String[] workloads = (args.length > 3 ? args[3] : "checksum,encode,hashmap,jackson")
        .split(",");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (String w : workloads) {
      AgentSlowdownBenchmark b = new AgentSlowdownBenchmark();
      b.workload = w;
      b.level = level;
      b.setUp();
      long start = System.nanoTime();
      while (System.nanoTime() - start < warmupNanos) {
        sink += b.invocation();
      }
      double[] us = new double[BLOCKS];
      for (int k = 0; k < BLOCKS; k++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < perBlock; i++) {
          sink += b.invocation();
        }
        us[k] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / perBlock;
      }
      double first = us[0];
      double last = us[BLOCKS - 1];
      Arrays.sort(us);
      System.out.printf(Locale.ROOT, "steady %s %s %.2f %.2f %.2f %.2f%n", level, w,
          us[BLOCKS / 2], us[0], first, last);
    }
    System.out.println("sink " + (sink & 1)); // keeps the results alive
  }
}
