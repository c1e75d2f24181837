package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.RecordEncoder;

/** Noise suite: encodes 500 records per invocation (allocation-heavy). */
class EncoderNoise {

  private final RecordEncoder encoder = new RecordEncoder(false);

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = 500)
  void encode() {
    assertTrue(encoder.encode(500) > 0);
  }
}
