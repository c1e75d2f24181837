package sample;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import java.util.Random;

class HashPerfTest {

  private static final int BYTES = 8 * 1024;

  private final BlockHash hash = BlockHash.fromSystemProperty();
  private final byte[] data = new byte[BYTES];

  HashPerfTest() {
    new Random(42).nextBytes(data);
  }

  @PerfTest(warmup = 2, iterations = 5, opsPerInvocation = BYTES, events = {"instructions", "branches"})
  @MaxRegression(event = "instructions", percent = 1.0)
  void hashBytes() {
    assertNotEquals(0, hash.hash(data, 7));
  }
}
