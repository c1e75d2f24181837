package sample;

import dev.countersign.junit.CounterBudget;
import dev.countersign.junit.PerfTest;

class AllocPerfTest {

  private static final int BLOCKS = 100;

  private final Allocator allocator = Allocator.fromSystemProperty();

  // "alloc-byte" is a typo of "alloc-bytes"
  @PerfTest(warmup = 3, iterations = 10, opsPerInvocation = BLOCKS)
  @CounterBudget(event = "alloc-byte", perOp = 2_000)
  void allocate() {
    allocator.allocate(BLOCKS);
  }
}
