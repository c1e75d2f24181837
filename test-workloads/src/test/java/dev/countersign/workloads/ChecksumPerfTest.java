package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import java.util.Random;

class ChecksumPerfTest {

  private static final int BYTES = 16 * 1024;

  private final Checksum checksum = new Checksum(Regressions.regressed("checksum"));
  private final byte[] data = new byte[BYTES];

  ChecksumPerfTest() {
    new Random(1234).nextBytes(data);
  }

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = BYTES)
  @MaxRegression(event = "instructions", percent = 1.0)
  @MaxRegression(event = "branch-misses", percent = 5.0)
  void hashBytes() {
    assertNotEquals(0, checksum.hash(data));
  }
}
