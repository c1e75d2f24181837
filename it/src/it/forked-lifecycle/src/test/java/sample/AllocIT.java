package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;
import java.lang.management.ManagementFactory;

/** Runs under Failsafe, after the forked lifecycle ran prepare-agent again. */
class AllocIT {

  private final Allocator allocator = Allocator.fromSystemProperty();

  @PerfTest(warmup = 3, iterations = 5, opsPerInvocation = 100)
  void allocate() {
    assertEquals(Allocator.BLOCK_BYTES, allocator.allocate(100));
  }

  /** What the JVM was started with, for verify.groovy. */
  @org.junit.jupiter.api.Test
  void printsItsJvmOptions() {
    System.out.println("IT JVM options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
