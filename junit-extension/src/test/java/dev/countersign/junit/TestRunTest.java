package dev.countersign.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.countersign.results.BuildId;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.RunMark;
import dev.countersign.results.UnfinishedRuns;
import dev.countersign.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A run of the real Jupiter engine marks itself started at its first result and finished at its end. */
class TestRunTest {

  @TempDir Path dir;

  /** Set by the outer test for the engine under test: the build's folder. */
  static volatile Path build;
  /** What the plain test saw of the run marks while the run was going on. */
  static volatile List<RunMark> seenDuring;

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Workloads {
    static Object sink;

    @Order(1)
    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    void first() {
      sink = new byte[128];
    }

    @Order(2)
    @Test
    void looksAtTheMarksMidRun() {
      seenDuring = new ResultStore(build).runs();
    }

    @Order(3)
    @PerfTest(warmup = 1, iterations = 3, events = "alloc-bytes")
    void third() {
      sink = new byte[256];
    }
  }

  @Test
  void theMarkIsUnfinishedDuringTheRunAndListsItsResultsAfterIt() {
    build = dir.resolve("ci-1");
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Workloads.class))
        .configurationParameter(Settings.RESULTS_DIR, dir.toString())
        .configurationParameter(BuildId.PROPERTY, "ci-1")
        .execute()
        .testEvents()
        .assertStatistics(s -> s.succeeded(3));

    assertEquals(1, seenDuring.size(), "one mark, written at the first result");
    RunMark during = seenDuring.get(0);
    assertNull(during.finished(), "not finished while its tests run");
    assertEquals(ProcessHandle.current().pid(), during.pid());

    ResultStore store = new ResultsDirectory(dir).build(new BuildId("ci-1"));
    List<RunMark> after = store.runs();
    assertEquals(1, after.size());
    RunMark done = after.get(0);
    assertEquals(during.run(), done.run());
    assertTrue(done.hasFinished());
    assertEquals(List.of("TestRunTest$Workloads.first.json", "TestRunTest$Workloads.third.json"),
        done.results().stream().map(f -> f.replace("dev.countersign.junit.", "")).toList());
    assertTrue(UnfinishedRuns.of(store).isEmpty());
  }

  @Test
  void twoEngineRunsIntoOneBuildLeaveTwoFinishedMarks() {
    build = dir.resolve("ci-2");
    for (int i = 0; i < 2; i++) {
      EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(Workloads.class))
          .configurationParameter(Settings.RESULTS_DIR, dir.toString())
          .configurationParameter(BuildId.PROPERTY, "ci-2")
          .execute();
    }
    List<RunMark> marks = new ResultsDirectory(dir).build(new BuildId("ci-2")).runs();
    assertEquals(2, marks.size());
    assertFalse(marks.get(0).run().equals(marks.get(1).run()));
    assertTrue(marks.stream().allMatch(RunMark::hasFinished));
  }
}
