package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.ParkingPingPong;

/** Noise suite: 200 park/unpark hand-offs each way per invocation. */
class PingPongNoise {

  private final ParkingPingPong pingPong = new ParkingPingPong(false);

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = 200)
  void pingPong() throws InterruptedException {
    assertTrue(pingPong.run(200) > 0);
  }
}
