package dev.countersign.junit.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.countersign.junit.PerfTest;
import dev.countersign.results.BuildId;
import dev.countersign.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Class-level work of one test JVM ({@code @BeforeAll}, {@code @AfterAll}) never runs beside a
 * {@code @PerfTest} of another JVM of the build: a second JVM runs a class whose class-level
 * callback works for 3 s, and this JVM's {@code @PerfTest}, started meanwhile through the real
 * launcher, starts only after that work has ended. Before containers took the lock, it started at
 * once, beside it.
 */
class ForkIsolationContainerTest {

  private static final long WORK_MS = 3_000;

  @TempDir Path dir;

  /** Where the other JVM's classes write when their class-level work starts and ends. */
  static Path marks() {
    return Path.of(System.getProperty("it.marks"));
  }

  static void stamp(String name) {
    try {
      Files.writeString(marks().resolve(name), Long.toString(System.currentTimeMillis()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void work() throws InterruptedException {
    Thread.sleep(WORK_MS);
  }

  static class SlowSetUp {
    @BeforeAll
    static void setUp() throws Exception {
      stamp("start");
      work();
      stamp("end");
    }

    @Test
    void quick() {}
  }

  static class SlowTearDown {
    @Test
    void quick() {}

    @AfterAll
    static void tearDown() throws Exception {
      stamp("start");
      work();
      stamp("end");
    }
  }

  /** The measured test of this JVM: notes when it first ran. */
  static class Measured {
    static volatile long firstRun;

    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    void measures() {
      if (firstRun == 0) {
        firstRun = System.currentTimeMillis();
      }
    }
  }

  /** The other test JVM: runs the class {@code args[2]} of this build ({@code args[0]}, {@code args[1]}). */
  public static void main(String[] args) throws Exception {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request()
        .selectors(selectClass(Class.forName(ForkIsolationContainerTest.class.getName() + "$"
            + args[2])))
        .configurationParameter(Settings.RESULTS_DIR, args[0])
        .configurationParameter(BuildId.PROPERTY, args[1]).build(), summary);
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }

  private void measuredWaitsFor(String otherClass) throws Exception {
    Path results = dir.resolve("results");
    Path marks = Files.createDirectories(dir.resolve("marks"));
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dit.marks=" + marks, "-cp", System.getProperty("java.class.path"),
        ForkIsolationContainerTest.class.getName(), results.toString(), "ci-iso", otherClass)
        .inheritIO().start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marks.resolve("start")) && other.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(Files.exists(marks.resolve("start")), "the other JVM's class-level work did not start");

    Measured.firstRun = 0;
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request().selectors(selectClass(Measured.class))
        .configurationParameter(Settings.RESULTS_DIR, results.toString())
        .configurationParameter(BuildId.PROPERTY, "ci-iso").build(), summary);
    assertEquals(1, summary.getSummary().getTestsSucceededCount(),
        () -> summary.getSummary().getFailures().toString());
    assertTrue(other.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, other.exitValue(), "the other JVM's tests failed");

    long workEnded = Long.parseLong(Files.readString(marks.resolve("end")));
    assertTrue(Measured.firstRun >= workEnded, "the @PerfTest ran " + (workEnded - Measured.firstRun)
        + " ms before the other JVM's class-level work ended");
  }

  @Test
  void aPerfTestWaitsForAnotherJvmsBeforeAll() throws Exception {
    measuredWaitsFor("SlowSetUp");
  }

  @Test
  void aPerfTestWaitsForAnotherJvmsAfterAll() throws Exception {
    measuredWaitsFor("SlowTearDown");
  }
}
