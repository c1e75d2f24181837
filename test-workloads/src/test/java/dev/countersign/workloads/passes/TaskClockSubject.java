package dev.countersign.workloads.passes;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.junit.PerfTest;
import dev.countersign.workloads.Checksum;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workload {@link TaskClockFiguresTest} times: FNV-1a over 256 KiB, JIT-warmed by 20 warm-up
 * invocations, with the simulator's {@code instructions} and {@code cycles} beside {@code
 * task-clock} (as a CI machine without a PMU measures them). Run only through that harness (its
 * name keeps Surefire from running it).
 */
class TaskClockSubject {

  static final int BYTES = 256 * 1024;

  private final byte[] data = new byte[BYTES];

  TaskClockSubject() {
    new Random(42).nextBytes(data);
  }

  /** In {@code auto} with the agent: measured in the plain pass. */
  @PerfTest(warmup = 20, iterations = 30, opsPerInvocation = BYTES,
      events = {"task-clock", "instructions", "cycles"})
  void hash() {
    assertNotEquals(0, new Checksum(false).hash(data));
  }

  /**
   * The same, as a test template: it cannot run in a JVM of its own, so its task-clock is
   * measured in the test JVM (instrumented, when the agent is attached), as every test's was
   * before the plain pass.
   */
  @PerfTest(warmup = 20, iterations = 30, opsPerInvocation = BYTES,
      events = {"task-clock", "instructions", "cycles"})
  @ParameterizedTest
  @ValueSource(ints = 0)
  void hashInTheTestJvm(int unused) {
    assertNotEquals(0, new Checksum(false).hash(data));
  }
}
