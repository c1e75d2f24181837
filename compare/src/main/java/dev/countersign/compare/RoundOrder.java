package dev.countersign.compare;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which side runs first in each round: random, so that a drift of the machine within a round (a
 * neighbour's build starting, a CPU warming up) favours neither side on average, and seeded, so
 * that the same comparison runs in the same order every time.
 */
public final class RoundOrder {

  private final SplittableRandom random;

  public RoundOrder(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The order of the next round. */
  public List<Side> next() {
    return random.nextBoolean() ? List.of(Side.A, Side.B) : List.of(Side.B, Side.A);
  }
}
