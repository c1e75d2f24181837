package dev.countersign.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.RunMark;
import dev.countersign.results.UnfinishedRuns;
import dev.countersign.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Through the real launcher (which loads {@link RunMarkListener} from {@code META-INF/services}), a
 * test plan of a build marks itself before its first test: a JVM killed before any result still
 * leaves an unfinished mark, so its build is interrupted rather than complete with fewer tests.
 */
class RunMarkListenerTest {

  @TempDir Path dir;

  /** Set by the outer test for the plan under test: the build's folder. */
  static volatile Path build;
  /** What the first test saw of the run marks, before any result was written. */
  static volatile List<RunMark> seenBefore;

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Workloads {
    static Object sink;

    @Order(1)
    @Test
    void looksAtTheMarksFirst() {
      seenBefore = new ResultStore(build).runs();
    }

    @Order(2)
    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    void second() {
      sink = new byte[128];
    }
  }

  /** A plan whose first test kills its JVM (as a crash does: no shutdown hook, no JUnit end). */
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KilledFirst {
    @Order(1)
    @Test
    void killsTheJvm() {
      Runtime.getRuntime().halt(137);
    }

    @Order(2)
    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    void neverRuns() {
      Workloads.sink = new byte[128];
    }
  }

  /** The killed JVM: runs {@link KilledFirst} through the launcher into build {@code args[1]}. */
  public static void main(String[] args) {
    LauncherFactory.create().execute(request().selectors(selectClass(KilledFirst.class))
        .configurationParameter(Settings.RESULTS_DIR, args[0])
        .configurationParameter(BuildId.PROPERTY, args[1]).build());
  }

  @Test
  void thePlanIsMarkedBeforeItsFirstTestAndFinishedWithItsResults() {
    build = dir.resolve("ci-1");
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request().selectors(selectClass(Workloads.class))
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .configurationParameter(BuildId.PROPERTY, "ci-1").build(), summary);
    assertEquals(2, summary.getSummary().getTestsSucceededCount(),
        () -> summary.getSummary().getFailures().toString());

    assertEquals(1, seenBefore.size(), "one mark, written before the first test");
    assertNull(seenBefore.get(0).finished());
    assertEquals(ProcessHandle.current().pid(), seenBefore.get(0).pid());

    ResultStore store = new ResultsDirectory(dir).build(new BuildId("ci-1"));
    List<RunMark> after = store.runs();
    assertEquals(1, after.size(), "the result's write used the plan's run, not one of its own");
    assertEquals(seenBefore.get(0).run(), after.get(0).run());
    assertTrue(after.get(0).hasFinished());
    assertEquals(List.of(Workloads.class.getName() + ".second.json"), after.get(0).results());
    assertTrue(UnfinishedRuns.of(store).isEmpty());
  }

  @Test
  void aJvmKilledBeforeItsFirstResultLeavesAnInterruptedRun() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RunMarkListenerTest.class.getName(),
        dir.toString(), "ci-2").inheritIO().start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end");
    assertEquals(137, p.exitValue(), "the child was not killed by its first test");

    ResultStore store = new ResultsDirectory(dir).build(new BuildId("ci-2"));
    assertTrue(store.files().isEmpty(), "no result was written");
    UnfinishedRuns u = UnfinishedRuns.of(store);
    assertEquals(1, u.interrupted().size(), "the run is interrupted, not absent: " + u);
    assertEquals(p.pid(), u.interrupted().get(0).pid());
    assertTrue(u.problem(store.dir(), "Nothing was promoted").orElseThrow()
        .contains("was interrupted"));
  }
}
