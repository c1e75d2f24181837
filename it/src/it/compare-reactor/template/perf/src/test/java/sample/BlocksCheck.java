package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;

/** Selected by A's {@code <includes>} only: B's includesFile leaves it out. */
class BlocksCheck {

  private final Blocks blocks = new Blocks();

  @PerfTest(warmup = 3, iterations = 10, events = "alloc-bytes")
  void allocateOne() {
    assertEquals(1024, blocks.allocate(1));
  }
}
