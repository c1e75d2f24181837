package sample;

import dev.countersign.junit.CounterBudget;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Sleeps, allocating one 64-byte array (16 bytes of header, 48 of longs) per invocation. */
class SleepPerfTest {

  static volatile Object sink;
  private long start;

  @BeforeEach
  void begin() {
    start = System.nanoTime();
  }

  @AfterEach
  void end() {
    Timeline.record("perf", start, System.nanoTime());
    // for verify.groovy: the JUnit release this step ran on
    System.out.println("PARALLEL-SUITE JUnit "
        + org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
  }

  @PerfTest(warmup = 3, iterations = 20, events = {"alloc-bytes"})
  @CounterBudget(event = "alloc-bytes", perOp = 128)
  @MaxRegression(event = "alloc-bytes", percent = 2.0)
  void sleep() throws InterruptedException {
    sink = new long[6];
    Thread.sleep(20);
  }
}
