package dev.countersign.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Marks a test method as a performance test. The method body is one <em>invocation</em>: the
 * extension runs it {@link #warmup()} times unmeasured, then {@link #iterations()} measured times,
 * and divides every counter by {@link #opsPerInvocation()} so that budgets and baselines are per
 * operation. A test that measures time (not simulated) also warms up by time ({@code
 * countersign.warmupTime}), runs three more unmeasured invocations inside the counters just before
 * the measured ones, and measures further batches ({@code countersign.measureTime}), each after
 * three such invocations: it runs more often than {@code warmup + iterations}.
 *
 * <p>This annotation is a {@link Test}; annotating a method is all a user does. Each attribute can
 * be overridden for a whole run by a system property (as Surefire passes them through {@code
 * systemPropertyVariables} or {@code -D}): {@code countersign.warmup}, {@code
 * countersign.iterations}, {@code countersign.forks}, {@code countersign.mode}.
 *
 * <p>Metrics measured: every event named by a budget or {@link MaxRegression} on the method, plus
 * {@link #events()}; when none is named at all, the default set {@code task-clock}, {@code
 * page-faults}, {@code context-switches}, {@code alloc-bytes} — in mode {@code sim} {@code
 * instructions}, {@code page-faults}, {@code alloc-bytes}, what the simulator counts.
 *
 * <p>Under JUnit's parallel execution a performance test never runs beside another test: it holds
 * JUnit's global resource lock for writing, as {@code @Isolated} does, which makes JUnit run the
 * test's class alone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(CountersignExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface PerfTest {

  /** Unmeasured invocations before measurement starts. Default 5; must be ≥ 0. */
  int warmup() default 5;

  /** Measured invocations (one sample per metric each). Default 20; must be ≥ 1. */
  int iterations() default 20;

  /** Operations one invocation performs; every value is divided by it. Default 1; must be ≥ 1. */
  long opsPerInvocation() default 1;

  /**
   * JVMs to measure in, so that between-JVM variance is sampled (Georges et al., OOPSLA 2007).
   * Default 1: measure in the test JVM itself. N &gt; 1: N fresh JVMs started with the test JVM's
   * class path, JVM options and {@code countersign.*} properties; each warms up {@code warmup}
   * times and the {@code iterations} measured invocations are spread over them (so the sample
   * count and the time taken stay the same); samples record their fork index.
   */
  int forks() default 1;

  /** Extra metrics to record beyond those named by budgets (perf event names, see README). */
  String[] events() default {};

  /**
   * Where counts come from: {@code "auto"} (default: PMU/kernel where {@code perf_event_open}
   * gives the event, else the simulator where its agent is attached, else reported unavailable),
   * {@code "perf"} or {@code "sim"}. The system property {@code countersign.mode} overrides it.
   */
  String mode() default "auto";

  /**
   * Names of threads that already exist (pool workers) to count as well as the test thread and the
   * threads it starts; a name is a regular expression matched against {@link Thread#getName()}.
   * Default none.
   */
  String[] threads() default {};
}
