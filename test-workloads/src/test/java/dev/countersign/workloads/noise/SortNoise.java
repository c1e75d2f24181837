package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.PerfTest;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Noise suite: sorts a copy of 20,000 random ints per invocation (the JDK's dual-pivot sort). */
class SortNoise {

  private final int[] data = new SplittableRandom(7).ints(20_000).toArray();

  @PerfTest(warmup = 5, iterations = 20)
  void sort() {
    int[] copy = data.clone();
    Arrays.sort(copy);
    assertTrue(copy[0] <= copy[copy.length - 1]);
  }
}
