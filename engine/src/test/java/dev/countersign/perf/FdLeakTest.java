package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real perf file descriptors are closed on every path. */
class FdLeakTest {

  @BeforeEach
  void requirePerf() {
    PerfAvailability.assumeOpens("page-faults", "task-clock");
  }

  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /**
   * A leak shows as more descriptors; the JVM itself may close one meanwhile (a jar or class file it
   * had open), which is no leak.
   */
  private static void assertNoMoreFdsThan(long before) throws IOException {
    long after = openFds();
    assertTrue(after <= before, () -> before + " descriptors before, " + after + " after");
  }

  @Test
  void tenThousandOpenMeasureCloseCyclesLeaveTheFdCountUnchanged() throws Exception {
    PerfEventProbeProvider provider = new PerfEventProbeProvider();
    // cycles is refused here (ENOENT) and opened where there is a PMU: both paths run
    List<String> events = List.of("page-faults", "task-clock", "context-switches", "cycles");
    Measure.once(provider, events, () -> { });
    long before = openFds();
    for (int i = 0; i < 10_000; i++) {
      Measure.once(provider, events, () -> { });
    }
    assertNoMoreFdsThan(before);
  }

  @Test
  void aFailingWorkloadStillClosesTheCounters() throws Exception {
    PerfEventProbeProvider provider = new PerfEventProbeProvider();
    long before = -1;
    for (int i = 0; i < 101; i++) {
      if (i == 1) {
        before = openFds(); // after the first round has loaded every class it needs
      }
      assertThrows(IllegalStateException.class, () -> Measure.once(provider,
          List.of("page-faults", "task-clock"), () -> {
            throw new IllegalStateException("workload failed");
          }));
    }
    assertNoMoreFdsThan(before);
  }
}
