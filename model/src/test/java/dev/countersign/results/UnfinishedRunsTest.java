package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's results are complete only when every test run that wrote them marked itself finished. */
class UnfinishedRunsTest {

  @TempDir Path dir;

  private static final TestId OTHER = new TestId("com.example.QueuePerfTest", "drain", "drain()");

  /**
   * A real process starts a run, writes one result and is killed (SIGKILL) before it ends: its
   * files are an interrupted run's, and the process it names is gone.
   */
  public static void main(String[] args) throws Exception {
    ResultStore store = new ResultStore(Path.of(args[0]));
    store.startRun(Instant.now(), ProcessHandle.current().pid());
    store.write(Fixtures.result(List.of(1.0, 2.0, 3.0)));
    Files.writeString(Path.of(args[0]).resolve("written"), "");
    Thread.sleep(120_000);
  }

  @Test
  void aRunKilledBeforeItEndedIsInterrupted() throws Exception {
    Path build = dir.resolve("b1");
    Files.createDirectories(build);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), UnfinishedRunsTest.class.getName(),
        build.toString()).inheritIO().start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(build.resolve("written")) && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(build.resolve("written")), "the child did not write its result");
    ResultStore store = new ResultStore(build);
    UnfinishedRuns whileAlive = UnfinishedRuns.of(store);
    assertEquals(1, whileAlive.running().size(), "the child is alive: its run is still going on");
    assertEquals(p.pid(), whileAlive.running().get(0).pid());
    assertTrue(whileAlive.problem(build, "Nothing was promoted").orElseThrow()
        .contains("is still running"));

    p.destroyForcibly().waitFor();
    UnfinishedRuns after = UnfinishedRuns.of(store);
    assertTrue(after.running().isEmpty());
    assertEquals(1, after.interrupted().size());
    String problem = after.problem(build, "Nothing was promoted").orElseThrow();
    assertTrue(problem.startsWith("the results in " + build + " are incomplete: the test run "
        + after.interrupted().get(0).run() + " (process " + p.pid()), problem);
    assertTrue(problem.contains("was interrupted"), problem);
    assertTrue(problem.contains("Nothing was promoted. Run the tests again ('mvn verify')"), problem);
    assertTrue(problem.endsWith("The results are left as they are."), problem);
    assertEquals(1, store.readAll().size(), "the result is still there");
  }

  @Test
  void aFinishedRunListsItsFilesAndLeavesNothingUnfinished() {
    ResultStore store = new ResultStore(dir.resolve("b1"));
    RunMark run = store.startRun(Instant.now(), 4711);
    Path file = store.write(Fixtures.result(List.of(1.0)));
    assertFalse(UnfinishedRuns.of(store, pid -> true).isEmpty());
    RunMark done = store.finishRun(run, Instant.now(), List.of(file.getFileName().toString()));
    assertEquals(List.of(done), store.runs(), "the mark is written again, finished");
    assertTrue(done.hasFinished());
    UnfinishedRuns none = UnfinishedRuns.of(store, pid -> true);
    assertTrue(none.isEmpty(), none.toString());
    assertTrue(none.problem(store.dir(), "x").isEmpty());
  }

  /** One of two runs of a build (Surefire then Failsafe, say) killed: the build is incomplete. */
  @Test
  void oneUnfinishedRunOfTwoMakesTheBuildIncomplete() {
    ResultStore store = new ResultStore(dir.resolve("b1"));
    RunMark first = store.startRun(Instant.parse("2026-12-01T10:00:00Z"), 11);
    Path a = store.write(Fixtures.result(List.of(1.0)));
    store.finishRun(first, Instant.parse("2026-12-01T10:01:00Z"),
        List.of(a.getFileName().toString()));
    store.startRun(Instant.parse("2026-12-01T10:02:00Z"), 12);
    store.write(Fixtures.result(OTHER, Source.JVM, "auto", List.of(2.0)));
    UnfinishedRuns u = UnfinishedRuns.of(store, pid -> pid == 12);
    assertEquals(List.of(12L), u.running().stream().map(RunMark::pid).toList());
    String problem = u.problem(store.dir(), "Nothing was promoted").orElseThrow();
    assertTrue(problem.contains("the test run 20261201T100200.000000Z-12 (process 12, started"
        + " 2026-12-01T10:02:00Z) is still running"), problem);
    assertTrue(problem.contains("Wait for that build to end, then run this goal again; or run the"
        + " tests again"), problem);
  }

  /** Results no finished run lists (an older Countersign's, or copied in) are not taken as complete. */
  @Test
  void resultsThatNoFinishedRunWroteAreRefused() {
    ResultStore store = new ResultStore(dir.resolve("b1"));
    store.write(Fixtures.result(List.of(1.0)));
    UnfinishedRuns u = UnfinishedRuns.of(store, pid -> false);
    assertEquals(List.of(Fixtures.TEST.fileName()), u.unmarked());
    assertTrue(u.problem(store.dir(), "Nothing was promoted").orElseThrow()
        .contains("1 result file(s) were written by no test run that finished"));
  }

  @Test
  void aCorruptMarkIsAnErrorNamingTheFile() throws Exception {
    ResultStore store = new ResultStore(dir.resolve("b1"));
    Files.createDirectories(store.dir().resolve(ResultStore.RUNS));
    Files.writeString(store.dir().resolve(ResultStore.RUNS).resolve("r.json"), "{\"schemaVer");
    CountersignFileException e = org.junit.jupiter.api.Assertions.assertThrows(
        CountersignFileException.class, () -> UnfinishedRuns.of(store));
    assertTrue(e.getMessage().contains("r.json"), e.getMessage());
  }
}
