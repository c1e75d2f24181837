package compat;

import dev.countersign.junit.PerfTest;

/** Run by Failsafe at integration-test; check judges it at verify with the Surefire results. */
class CellPerfIT {

  static Object sink;

  @PerfTest(warmup = 1, iterations = 5, events = "alloc-bytes")
  void allocateInIt() {
    sink = new byte[4096];
  }
}
