package dev.countersign.vmexit;

/**
 * KVM's adaptive window arithmetic shared by Intel's PLE window and AMD's pause-filter count:
 * {@code __grow_ple_window} and {@code __shrink_ple_window} in {@code arch/x86/kvm/x86.h}. A
 * modifier below 1 resets to the base; a modifier below the base multiplies (divides), otherwise
 * it adds (subtracts); the result is clamped to {@code [base, max]}.
 */
public final class KvmWindow {

  private KvmWindow() {}

  /** The window after one pause exit ({@code grow_ple_window} in vmx.c, svm.c). */
  public static long grow(long value, long base, long modifier, long max) {
    if (modifier < 1) {
      return base;
    }
    long grown = modifier < base ? saturatingMultiply(value, modifier) : value + modifier;
    return Math.min(grown, max);
  }

  /** The window at vCPU load after a schedule-out ({@code shrink_ple_window} in vmx.c, svm.c). */
  public static long shrink(long value, long base, long modifier) {
    if (modifier < 1) {
      return base;
    }
    long shrunk = modifier < base ? value / modifier : value - modifier;
    return Math.max(shrunk, base);
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }
}
