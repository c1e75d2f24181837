package dev.countersign.workloads.fidelity;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One realistic code change: the same result computed {@code before} and {@code after} it.
 * Each side is a factory that prepares its input (seeded, not measured) and returns the measured
 * operation, which returns a checksum of its result (so that the JIT cannot drop the work, and so
 * that the two sides can be checked to agree).
 *
 * @param name short id, used as a JMH parameter and in the table ({@code string-concat-loop})
 * @param change what the change is, in words
 * @param before the code before the change
 * @param after the code after it
 */
public record FidelityPair(String name, String change, Supplier<LongSupplier> before,
    Supplier<LongSupplier> after) {

  /** The side named {@code before} or {@code after}. */
  public Supplier<LongSupplier> side(String side) {
    return switch (side) {
      case "before" -> before;
      case "after" -> after;
      default -> throw new IllegalArgumentException("side '" + side + "': before or after");
    };
  }
}
