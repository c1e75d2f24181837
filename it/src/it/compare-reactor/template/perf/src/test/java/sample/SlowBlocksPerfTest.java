package sample;

import static org.junit.jupiter.api.Assertions.fail;

import dev.countersign.junit.PerfTest;

/** A default Surefire name that this module's {@code <excludes>} leave out: it must not run. */
class SlowBlocksPerfTest {

  @PerfTest(warmup = 1, iterations = 2)
  void excluded() {
    fail("SlowBlocksPerfTest is excluded by the module's Surefire configuration");
  }
}
