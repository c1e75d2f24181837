package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.junit.CounterBudget;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;

class AllocationPerfTest {

  private static final int RECORDS = 1_000;

  private final RecordEncoder encoder = new RecordEncoder(Regressions.regressed("allocation"));

  @PerfTest(warmup = 10, iterations = 20, opsPerInvocation = RECORDS)
  @CounterBudget(event = "alloc-bytes", perOp = 200)
  @MaxRegression(event = "alloc-bytes", percent = 2.0)
  void encodeRecords() {
    assertTrue(encoder.encode(RECORDS) > 0);
  }
}
