package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;

/** Not a default Surefire name: included by this module's {@code <includes>}. */
class BlocksBench {

  private final Blocks blocks = new Blocks();

  @PerfTest(warmup = 3, iterations = 10, opsPerInvocation = 50, events = "alloc-bytes")
  void allocateFifty() {
    assertEquals(1024, blocks.allocate(50));
  }
}
