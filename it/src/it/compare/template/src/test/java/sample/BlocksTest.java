package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A plain unit test beside the @PerfTest: compare's rounds must not run it. */
class BlocksTest {

  @Test
  void allocatesWholeKilobytes() {
    assertEquals(1024, new Blocks().allocate(100));
  }
}
