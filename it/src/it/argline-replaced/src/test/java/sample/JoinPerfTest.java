package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;

class JoinPerfTest {

  @PerfTest(warmup = 2, iterations = 5)
  void join() {
    assertEquals(199, String.join(",", java.util.Collections.nCopies(100, "a")).length());
  }
}
