package compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.junit.PerfTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The build runs on the cell's stack, and a @PerfTest (in the JVM and in forks) is measured on it. */
class CellStackTest {

  static Object sink;

  private static String version(String className) throws ClassNotFoundException {
    return Class.forName(className).getPackage().getImplementationVersion();
  }

  @Test
  void runsOnTheCellsJUnitJdkAndMaven() throws Exception {
    String junit = System.getProperty("cell.junit");
    String platform = junit.startsWith("5.") ? "1." + junit.substring(2) : junit;
    assertEquals(junit, version("org.junit.jupiter.engine.JupiterTestEngine"), "Jupiter engine");
    assertEquals(junit, version("org.junit.jupiter.api.Test"), "Jupiter API");
    assertEquals(platform, version("org.junit.platform.engine.TestEngine"), "Platform engine");
    assertEquals(platform, version("org.junit.platform.launcher.Launcher"), "Platform launcher");
    assertEquals(System.getProperty("cell.java"), Integer.toString(Runtime.version().feature()), "JDK");
    assertEquals(System.getProperty("cell.maven"), System.getProperty("cell.maven.running"), "Maven");
    System.out.println("COMPAT cell JUnit " + junit + " (Platform " + platform + ") JDK "
        + Runtime.version() + " Maven " + System.getProperty("cell.maven.running"));
  }

  @PerfTest(warmup = 1, iterations = 5, events = "alloc-bytes")
  void allocate() {
    sink = new byte[1024];
  }

  /** Each invocation is measured as a test of its own. */
  @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
  @ParameterizedTest
  @ValueSource(ints = {512, 8192})
  void sized(int bytes) {
    sink = new byte[bytes];
  }

  @PerfTest(warmup = 0, iterations = 2, events = "alloc-bytes")
  @RepeatedTest(2)
  void repeated() {
    sink = new byte[256];
  }

  /** Forks run one method through the launcher of the test JVM: the user's own platform. */
  @PerfTest(warmup = 0, iterations = 2, forks = 2, events = "alloc-bytes")
  void forked() {
    sink = new byte[2048];
  }
}
