package sample;

import dev.countersign.junit.PerfTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The @PerfTest: sorted first, so Surefire hands it to one JVM while the other runs BusyOneTest. */
class AlphaPerfTest {

  static volatile long sink;
  private long start;

  @BeforeEach
  void begin() {
    start = System.nanoTime();
  }

  @AfterEach
  void end() {
    Timeline.record("perf", start, System.nanoTime());
  }

  @PerfTest(warmup = 2, iterations = 10, events = {"task-clock"})
  void spins() {
    sink = Timeline.spin(20_000_000L);
  }
}
