package dev.countersign.runner;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * When a time-based warm-up ends: once at least the warm-up time T has passed since the first
 * warm-up invocation <em>and</em> the JIT has been idle during the last T/4 — nothing compiled,
 * nothing compiling, nothing queued — or at the latest after 4·T. A fixed count of a few
 * invocations leaves each fresh JVM measuring its own mix of interpreted, C1 and C2 code, a mix
 * that depends on how much CPU the compiler threads got: on the 2-vCPU VM this was the largest
 * part of the between-JVM spread of {@code task-clock} (see docs/statistics.md, "What dominates
 * the per-round variance").
 *
 * <p>"Idle" is sampled at most every 10 ms from {@link
 * CompilationMXBean#getTotalCompilationTime()}, the accumulated time of the JVM's finished
 * compilations in milliseconds, and from the JIT's queue ({@link CompileQueue}: compilations in
 * progress or waiting, which the accumulated time does not show until they finish). Where the
 * JVM offers neither, only the time condition applies.
 */
public final class SteadyWarmup {

  private static final long SAMPLE_NANOS = 10_000_000L;
  private static final SteadyWarmup OFF =
      new SteadyWarmup(0, System::nanoTime, () -> -1, () -> -1);

  private final long minNanos;
  private final LongSupplier clock;
  private final LongSupplier compileMillis;
  private final IntSupplier pendingCompiles;
  private final long start;
  private long lastSample;
  private long lastCompileMillis;
  private long lastChange;

  /**
   * @param compileMillis accumulated time of finished compilations, ms; -1 = not monitored
   * @param pendingCompiles compilations in progress or queued; -1 = unknown
   */
  SteadyWarmup(long minNanos, LongSupplier clock, LongSupplier compileMillis,
      IntSupplier pendingCompiles) {
    this.minNanos = minNanos;
    this.clock = clock;
    this.compileMillis = compileMillis;
    this.pendingCompiles = pendingCompiles;
    this.start = clock.getAsLong();
    this.lastSample = start;
    this.lastCompileMillis = compileMillis.getAsLong();
    this.lastChange = start;
  }

  /**
   * Starts the clock now.
   *
   * @param seconds the warm-up time T, seconds; 0 = no time-based warm-up ({@link #goOn()} is
   *     always false)
   */
  public static SteadyWarmup start(double seconds) {
    if (seconds <= 0) {
      return OFF;
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    LongSupplier compiled = jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime : () -> -1;
    return new SteadyWarmup(Math.round(seconds * 1e9), System::nanoTime, compiled,
        CompileQueue.ofThisJvm());
  }

  /** Whether to run another warm-up invocation. */
  public boolean goOn() {
    if (minNanos == 0) {
      return false;
    }
    long now = clock.getAsLong();
    long elapsed = now - start;
    if (elapsed >= 4 * minNanos) {
      return false;
    }
    if (now - lastSample >= SAMPLE_NANOS) {
      long c = compileMillis.getAsLong();
      if (c != lastCompileMillis || pendingCompiles.getAsInt() > 0) {
        lastCompileMillis = c;
        lastChange = now;
      }
      lastSample = now;
    }
    return elapsed < minNanos || now - lastChange < minNanos / 4;
  }
}
