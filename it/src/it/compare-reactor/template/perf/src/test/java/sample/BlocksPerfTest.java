package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.CounterBudget;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;

class BlocksPerfTest {

  private final Blocks blocks = new Blocks();

  @PerfTest(warmup = 3, iterations = 10, opsPerInvocation = 100)
  @MaxRegression(event = "alloc-bytes", percent = 5.0)
  @CounterBudget(event = "alloc-bytes", perOp = 1500) // A allocates 1,040 per op, B 2,080
  void allocate() {
    assertEquals(1024, blocks.allocate(100));
  }
}
