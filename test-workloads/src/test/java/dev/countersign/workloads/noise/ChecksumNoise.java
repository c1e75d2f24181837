package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.Checksum;
import java.util.Random;

/**
 * Noise suite (not run by Surefire: {@link NoiseFiguresTest} launches it): hashes 64 KiB per
 * invocation; {@value #EXTRA_WORK} (percent, default 0) hashes that much more, the regression of
 * the power trials.
 */
class ChecksumNoise {

  static final String EXTRA_WORK = "noise.extraWork";

  private final Checksum checksum = new Checksum(false);
  private final byte[] data;

  ChecksumNoise() {
    double extra = Double.parseDouble(System.getProperty(EXTRA_WORK, "0"));
    data = new byte[(int) Math.round(64 * 1024 * (1 + extra / 100))];
    new Random(1234).nextBytes(data);
  }

  @PerfTest(warmup = 5, iterations = 20)
  void hash() {
    assertNotEquals(0, checksum.hash(data));
  }
}
