package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsDirectoryTest {

  @TempDir Path dir;

  private static TestResult result(String method) {
    return new TestResult(TestResult.SCHEMA_VERSION, new TestId("a.B", method, method + "()"),
        new RunConfiguration("auto", 1, 3, 1, 1),
        new Environment("Linux amd64", "6.1", "cpu", 2, "kvm", "17", Map.of()),
        List.of(new MetricSeries("alloc-bytes", Source.JVM, "bytes", List.of(1.0, 2.0, 3.0))),
        List.of(), List.of(), List.of());
  }

  @Test
  void eachBuildReadsOnlyWhatItWrote() {
    ResultsDirectory results = new ResultsDirectory(dir);
    BuildId first = new BuildId("b1");
    BuildId second = new BuildId("b2");
    results.start(first).write(result("old"));
    results.start(first).write(result("kept"));
    results.start(second).write(result("kept"));
    assertEquals(List.of("B.kept"), results.build(second).readAll().stream()
        .map(r -> r.test().key()).toList());
    assertEquals(2, results.build(first).readAll().size());
    assertEquals(second, results.latest().orElseThrow());
  }

  @Test
  void noBuildStartedHasNoLatest() {
    assertTrue(new ResultsDirectory(dir.resolve("absent")).latest().isEmpty());
    assertTrue(new ResultsDirectory(dir).latest().isEmpty());
  }

  @Test
  void resultFilesOutsideAnyBuildFolderAreReportedNotRead() throws Exception {
    ResultsDirectory results = new ResultsDirectory(dir);
    JsonFiles.write(dir.resolve("a.B.old.json"), result("old"));
    results.start(new BuildId("b1"));
    assertEquals(List.of(dir.resolve("a.B.old.json")), results.unattributedFiles());
    assertTrue(results.build(new BuildId("b1")).readAll().isEmpty());
  }

  @Test
  void startingABuildRemovesIdleOldBuildsBeyondTheLastFew() throws Exception {
    ResultsDirectory results = new ResultsDirectory(dir);
    Instant longAgo = Instant.now().minus(2, ChronoUnit.HOURS);
    for (int i = 0; i < 8; i++) {
      Path folder = results.start(new BuildId("old-" + i)).dir();
      Files.setLastModifiedTime(folder, FileTime.from(longAgo.plusSeconds(i)));
    }
    // a build started long ago but still writing: never removed
    Path running = results.start(new BuildId("running")).dir();
    Files.setLastModifiedTime(running, FileTime.from(longAgo.minusSeconds(60)));
    results.build(new BuildId("running")).write(result("m"));

    results.start(new BuildId("new"));
    // kept: the five written to last (new, running, old-7, old-6, old-5)
    for (int i = 0; i < 5; i++) {
      assertFalse(Files.exists(dir.resolve("old-" + i)), "old-" + i + " should be removed");
    }
    for (int i = 5; i < 8; i++) {
      assertTrue(Files.isDirectory(dir.resolve("old-" + i)), "old-" + i + " should be kept");
    }
    assertTrue(Files.isDirectory(running));
    assertEquals(new BuildId("new"), results.latest().orElseThrow());
  }

  @Test
  void aBuildIdMustNameOneFolder() {
    for (String bad : new String[] {"", "..", "../x", "a/b", "latest", ".hidden", "a\nb",
        "x".repeat(101)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new BuildId(bad), bad);
      assertFalse(e.getMessage().contains("\n"), "the message must stay on one line: " + bad);
    }
    assertEquals("20261201T120102.123Z-4711",
        BuildId.mint(Instant.parse("2026-12-01T12:01:02.123Z"), 4711).value());
  }

  @Test
  void standaloneRunsAreFoundByWhenTheyWrote() throws Exception {
    ResultsDirectory results = new ResultsDirectory(dir);
    Instant sessionStart = Instant.parse("2026-12-01T12:00:00Z");
    BuildId before = BuildId.standalone(sessionStart.minusSeconds(60), 1);
    BuildId during = BuildId.standalone(sessionStart.plusSeconds(5), 2);
    BuildId plugin = BuildId.mint(sessionStart, 3);
    assertEquals("20261201T120005.000Z-2-standalone", during.value());
    assertTrue(during.isStandalone());
    assertFalse(plugin.isStandalone());
    Path old = results.start(before).write(result("old"));
    Files.setLastModifiedTime(old, FileTime.from(sessionStart.minusSeconds(60)));
    Path now = results.start(during).write(result("now"));
    Files.setLastModifiedTime(now, FileTime.from(sessionStart.plusSeconds(5)));
    Path built = results.start(plugin).write(result("built"));
    Files.setLastModifiedTime(built, FileTime.from(sessionStart.plusSeconds(5)));
    results.start(BuildId.standalone(sessionStart.plusSeconds(9), 4)); // started, wrote nothing

    assertEquals(List.of(results.build(during).dir()),
        results.standaloneRunsWrittenSince(sessionStart).stream().map(ResultStore::dir).toList());
  }
}
