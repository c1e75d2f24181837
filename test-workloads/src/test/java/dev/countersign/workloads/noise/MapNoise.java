package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;
import java.util.HashMap;
import java.util.Map;

/** Noise suite: fills a HashMap with 10,000 boxed keys and reads them back per invocation. */
class MapNoise {

  @PerfTest(warmup = 5, iterations = 20)
  void fillAndRead() {
    Map<Integer, Integer> m = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      m.put(i * 31, i);
    }
    long sum = 0;
    for (int i = 0; i < 10_000; i++) {
      sum += m.get(i * 31);
    }
    assertEquals(49_995_000L, sum);
  }
}
