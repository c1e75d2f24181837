package dev.countersign.sim.agent;

import java.lang.StackWalker.StackFrame;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The modelled cost of the native {@code Throwable.fillInStackTrace(int)}: the VM walks the
 * thread's stack and records every frame (up to {@code -XX:MaxJavaStackTraceDepth}, 1024), a cost
 * proportional to the depth that no bytecode shows. Per frame {@link #PER_FRAME} instructions and
 * one predicted branch, per walk {@link #PER_WALK}, at the profile's base CPI (0.5): measured with
 * {@code NativeCostBenchmark} ({@code NativeCostFiguresTest}, test-workloads) on OpenJDK 17.0.15,
 * JIT-warmed, on an AMD EPYC (Zen 4) at 4.06 GHz: 19.3 ns = 78 cycles of CPU time per frame (the
 * difference of {@code new Exception()} 160 and 32 frames deep, less the calls themselves), and
 * about 320 ns = 1 300 cycles per exception besides (its 574 ns at depth 0 less the ~13 frames
 * of JMH's harness below the benchmark). See docs/simulator.md, "Per-element cost models".
 *
 * <p>The depth is the current thread's, counted with a {@link StackWalker} that shows reflection
 * frames and hides hidden ones, as the VM's walk records them; the walker's own frames (this
 * class, the runtime's probe) are not counted.
 */
final class StackWalkCost {

  /** Instructions per frame walked (at the profile's base CPI). */
  static final int PER_FRAME = 156;

  /** Instructions per walk: the native transition, the backtrace arrays' allocation. */
  static final int PER_WALK = 2600;

  /** What the VM records at most ({@code MaxJavaStackTraceDepth}'s default). */
  static final int MAX_DEPTH = 1024;

  /** Frames of the model itself at the walk: {@link #depth} and the runtime's probe. */
  private static final int OWN_FRAMES = 2;

  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(StackWalker.Option.SHOW_REFLECT_FRAMES));

  private static final Function<Stream<StackFrame>, Long> COUNT = new Counting();

  private StackWalkCost() {}

  /** The frames the VM's walk would record if it started in the caller of the probe. */
  static long depth() {
    return Math.min(MAX_DEPTH, Math.max(0, WALKER.walk(COUNT) - OWN_FRAMES));
  }

  /** Charges {@code m} with one walk of {@code frames} frames. */
  static void walked(Machine m, long frames) {
    m.charge((int) Math.min(Integer.MAX_VALUE, PER_WALK + frames * PER_FRAME), (int) frames + 1);
  }

  /** Counts the frames (a class, not a lambda: the agent runs no bootstrap). */
  private static final class Counting implements Function<Stream<StackFrame>, Long> {
    @Override
    public Long apply(Stream<StackFrame> frames) {
      return frames.count();
    }
  }
}
