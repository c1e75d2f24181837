package dev.countersign.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.Fixtures;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunMark;
import dev.countersign.results.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side's round is judged only when its test runs are complete, by the rules {@code check} and
 * {@code baseline} apply (run marks): an interrupted run — also one killed before its first result —
 * and results no finished run lists stop the comparison, naming the round, the side and the run.
 */
class RoundCompletenessTest {

  @TempDir Path dir;
  private ResultStore store;
  private Path log;
  /** The id of a process that has ended: a real one, started and waited for. */
  private long deadPid;

  @BeforeEach
  void setUp() throws Exception {
    store = new ResultStore(dir.resolve("compare-a-2"));
    Files.createDirectories(store.dir());
    log = dir.resolve("round-2").resolve("A.log");
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    deadPid = p.pid();
  }

  @Test
  void aFinishedRunsResultsAreRead() {
    RunMark run = store.startRun(Instant.now(), ProcessHandle.current().pid());
    Path file = store.write(Fixtures.result(List.of(1.0, 2.0, 3.0)));
    store.finishRun(run, Instant.now(), List.of(file.getFileName().toString()));
    List<TestResult> read = MavenRoundRunner.complete(store, Side.A, 2, log);
    assertEquals(1, read.size());
    assertEquals(Fixtures.TEST, read.get(0).test());
  }

  @Test
  void aRunWhoseJvmEndedBeforeItDidStopsTheComparison() {
    RunMark run = store.startRun(Instant.now(), deadPid);
    store.write(Fixtures.result(List.of(1.0, 2.0, 3.0)));
    CompareException e = assertThrows(CompareException.class,
        () -> MavenRoundRunner.complete(store, Side.A, 2, log));
    String m = e.getMessage();
    assertTrue(m.startsWith("round 2 of side A (the base revision) is incomplete: the results in "
        + store.dir() + " are incomplete: the test run " + run.run() + " (process " + deadPid), m);
    assertTrue(m.contains("was interrupted"), m);
    assertTrue(m.contains("Nothing was compared"), m);
    assertTrue(m.contains(log.toString()) && m.contains("run countersign:compare again"), m);
    assertTrue(!m.contains("mvn verify"), "check's advice is not compare's: " + m);
  }

  @Test
  void aRunKilledBeforeItsFirstResultStopsItToo() {
    store.startRun(Instant.now(), deadPid);
    CompareException e = assertThrows(CompareException.class,
        () -> MavenRoundRunner.complete(store, Side.B, 1, log));
    assertTrue(e.getMessage().startsWith("round 1 of side B (the working tree) is incomplete"),
        e.getMessage());
    assertTrue(e.getMessage().contains("was interrupted"), e.getMessage());
  }

  @Test
  void resultsNoRunMarkedStopItAndSayWhy() {
    store.write(Fixtures.result(List.of(1.0, 2.0, 3.0)));
    CompareException e = assertThrows(CompareException.class,
        () -> MavenRoundRunner.complete(store, Side.A, 2, log));
    String m = e.getMessage();
    assertTrue(m.contains("1 result file(s) were written by no test run that finished"), m);
    assertTrue(m.contains("the base revision's pom names an older countersign-junit"), m);
  }
}
