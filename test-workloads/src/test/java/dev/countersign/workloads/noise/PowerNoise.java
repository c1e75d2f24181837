package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.Checksum;
import java.util.Arrays;
import java.util.Random;

/**
 * Noise suite, power trials (not run by Surefire: {@link NoiseFiguresTest} launches it): four
 * copies of {@link ChecksumNoise}'s 64 KiB hash. {@value #EFFECTS} (a comma list of four
 * percentages, default none) makes copy i hash that much more per invocation: B's JVMs get it, A's
 * do not, so one A/B round is a power trial at four effect sizes.
 */
class PowerNoise {

  static final String EFFECTS = "noise.power";

  private final Checksum checksum = new Checksum(false);
  private final byte[][] data = new byte[4][];

  PowerNoise() {
    double[] extra = Arrays.stream(System.getProperty(EFFECTS, "0,0,0,0").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    for (int i = 0; i < 4; i++) {
      data[i] = new byte[(int) Math.round(64 * 1024 * (1 + extra[i] / 100))];
      new Random(1234).nextBytes(data[i]);
    }
  }

  @PerfTest(warmup = 5, iterations = 20)
  void hash1() {
    assertNotEquals(0, checksum.hash(data[0]));
  }

  @PerfTest(warmup = 5, iterations = 20)
  void hash2() {
    assertNotEquals(0, checksum.hash(data[1]));
  }

  @PerfTest(warmup = 5, iterations = 20)
  void hash3() {
    assertNotEquals(0, checksum.hash(data[2]));
  }

  @PerfTest(warmup = 5, iterations = 20)
  void hash4() {
    assertNotEquals(0, checksum.hash(data[3]));
  }
}
