package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

  @TempDir Path dir;

  @Test
  void noFileMeansNoBaseline() {
    assertTrue(new BaselineStore(dir).read(Fixtures.TEST).isEmpty());
  }

  @Test
  void promoteKeepsNewestFirstUpToHistory() {
    BaselineStore store = new BaselineStore(dir);
    store.promote(Fixtures.result(List.of(1.0)), 2);
    store.promote(Fixtures.result(List.of(2.0)), 2);
    store.promote(Fixtures.result(List.of(3.0)), 2);
    Baseline b = store.read(Fixtures.TEST).orElseThrow();
    assertEquals(2, b.runs().size());
    assertEquals(List.of(3.0), b.latest().metrics().get(0).perOp());
    assertEquals(List.of(2.0), b.runs().get(1).metrics().get(0).perOp());
  }

  @Test
  void corruptBaselineIsAnErrorNotAbsence() throws IOException {
    Files.writeString(new BaselineStore(dir).fileOf(Fixtures.TEST), "{ \"schemaVersion\": 1, ");
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> new BaselineStore(dir).read(Fixtures.TEST));
    assertTrue(e.getMessage().contains("QueuePerfTest.offerPoll.json"), e.getMessage());
  }

  @Test
  void corruptBaselineIsNotOverwrittenByPromote() throws IOException {
    Path f = new BaselineStore(dir).fileOf(Fixtures.TEST);
    Files.writeString(f, "garbage");
    assertThrows(CountersignFileException.class,
        () -> new BaselineStore(dir).promote(Fixtures.result(List.of(1.0)), 1));
    assertEquals("garbage", Files.readString(f));
  }

  @Test
  void baselineOfAnotherTestIsRefused() throws IOException {
    BaselineStore store = new BaselineStore(dir);
    TestId other = new TestId("com.example.Other", "run", "run()");
    store.promote(Fixtures.result(other, Source.JVM, "auto", List.of(1.0)), 1);
    Files.move(store.fileOf(other), store.fileOf(Fixtures.TEST));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> store.read(Fixtures.TEST));
    assertTrue(e.getMessage().contains("belongs to Other.run"), e.getMessage());
  }

  @Test
  void emptyRunsAreRefused() throws IOException {
    Files.writeString(new BaselineStore(dir).fileOf(Fixtures.TEST),
        JsonFiles.toJson(new Baseline(1, Fixtures.TEST, List.of())));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> new BaselineStore(dir).read(Fixtures.TEST));
    assertTrue(e.getMessage().contains("has no runs"), e.getMessage());
  }
}
