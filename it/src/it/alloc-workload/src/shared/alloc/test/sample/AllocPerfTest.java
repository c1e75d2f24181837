package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;

class AllocPerfTest {

  private static final int BLOCKS = 100;

  private final Allocator allocator = Allocator.fromSystemProperty();

  @PerfTest(warmup = 3, iterations = 10, opsPerInvocation = BLOCKS)
  @MaxRegression(event = "alloc-bytes", percent = 5.0)
  void allocate() {
    assertEquals(Allocator.BLOCK_BYTES, allocator.allocate(BLOCKS));
  }
}
