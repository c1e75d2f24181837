package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error code of an unavailable metric: written by its id, read back once, at the file. */
class ErrorCodeTest {

  @TempDir Path dir;

  private static TestResult withUnavailable(ErrorCode code) {
    TestResult r = Fixtures.result(List.of(1.0, 2.0));
    return new TestResult(r.schemaVersion(), r.test(), r.configuration(), r.environment(),
        r.metrics(), List.of(new UnavailableMetric("cycles", Source.PMU, code, "no PMU here",
            "use mode sim")), List.of(), r.maxRegressions());
  }

  @Test
  void everyCodeIsWrittenByItsIdAndReadBack() {
    for (ErrorCode code : ErrorCode.values()) {
      Path f = dir.resolve(code.id() + ".json");
      JsonFiles.write(f, withUnavailable(code));
      TestResult back = JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result");
      assertEquals(code, back.unavailable().get(0).error());
      assertEquals(ErrorCode.parse(code.id()), code);
      assertFalse(code.meaning().isBlank(), code.id());
    }
  }

  @Test
  void theFileHoldsTheCodeAsTheStringItAlwaysWas() throws IOException {
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, withUnavailable(ErrorCode.NO_AGENT));
    assertTrue(Files.readString(f).contains("\"error\" : \"NO_AGENT\""), Files.readString(f));
  }

  @Test
  void anOlderFilesSpellingOfAnUnlistedErrnoStillReads() throws IOException {
    Path f = dir.resolve("old.json");
    Files.writeString(f, JsonFiles.toJson(withUnavailable(ErrorCode.ENOENT))
        .replace("\"ENOENT\"", "\"errno 77\""));
    TestResult back = JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result");
    assertEquals(ErrorCode.ERRNO, back.unavailable().get(0).error());
  }

  @Test
  void anUnknownCodeIsAnErrorNamingTheFileAndTheValue() throws IOException {
    Path f = dir.resolve("edited.json");
    Files.writeString(f, JsonFiles.toJson(withUnavailable(ErrorCode.BLIND))
        .replace("\"BLIND\"", "\"DEAF\""));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("unknown error code 'DEAF'"), e.getMessage());
    assertTrue(e.getMessage().contains("BLIND"), e.getMessage());
  }

  @Test
  void errnoNumbersMapToTheirCodes() {
    assertEquals(ErrorCode.ENOENT, ErrorCode.ofErrno(2));
    assertEquals(ErrorCode.EOPNOTSUPP, ErrorCode.ofErrno(95));
    assertEquals(ErrorCode.ERRNO, ErrorCode.ofErrno(77));
    assertEquals(ErrorCode.ERRNO, ErrorCode.ofErrno(0));
    assertTrue(ErrorCode.EACCES.isErrno());
    assertFalse(ErrorCode.BLIND.isErrno());
  }
}
