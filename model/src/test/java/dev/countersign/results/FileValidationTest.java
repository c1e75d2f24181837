package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-edited baselines and results: each bad value is refused naming file, field and remedy. */
class FileValidationTest {

  @TempDir Path dir;

  /** A baseline as 'countersign:baseline' writes it, with one text replacement. */
  private Path baselineWith(String from, String to) throws IOException {
    BaselineStore store = new BaselineStore(dir);
    store.promote(Fixtures.result(List.of(100.0, 101.0, 99.0)), 1);
    Path f = store.fileOf(Fixtures.TEST);
    String json = Files.readString(f);
    assertTrue(json.contains(from), "fixture lacks " + from);
    Files.writeString(f, json.replace(from, to));
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "negative sample | 101.0 | -101.0 | 'runs[0].metrics[0].perOp[1]' is -101.0",
      "sample as text | 101.0 | \"101\" | 'runs[0].metrics[0].perOp[1]' is string, not a number",
      "schemaVersion 1.5 | \"schemaVersion\" : 1 | \"schemaVersion\" : 1.5 | has schemaVersion 1.5, which is not a whole number",
      "zero iterations | \"iterations\" : 3 | \"iterations\" : 0 | 'runs[0].configuration.iterations' is 0: it must be a whole number ≥ 1",
      "fractional warmup | \"warmup\" : 5 | \"warmup\" : 2.5 | 'runs[0].configuration.warmup' is 2.5",
      "fraction 1.5 | \"fractionCounted\" : [ ] | \"fractionCounted\" : [ 1.5 ] | 'runs[0].metrics[0].fractionCounted[0]' is 1.5: the fraction",
      "newline in mode | \"mode\" : \"auto\" | \"mode\" : \"auto\\n[INFO] BUILD SUCCESS\" | 'runs[0].configuration.mode' contains the control character \\n at position 4",
      "escape in a name | \"offerPoll\" | \"offer\\u001b[2JPoll\" | contains the control character \\u001b",
  })
  void aBadValueIsRefusedNamingTheFileTheFieldAndWhatToDo(String what, String from, String to,
      String expected) throws IOException {
    Path f = baselineWith(from, to);
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> new BaselineStore(dir).read(Fixtures.TEST));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(f.toString()), msg);
    assertTrue(msg.contains(expected), msg);
    assertTrue(msg.contains("revert") || msg.contains("record it again"), msg);
    assertFalse(msg.contains("\n") || msg.contains("\u001b"), "the message must stay one line: " + msg);
  }

  @Test
  void aNewlineInAResultIsRefusedAndSaysToRunTheTestsAgain() throws IOException {
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, Fixtures.result(List.of(1.0)));
    Files.writeString(f, Files.readString(f).replace("\"Test CPU\"", "\"Test\\r\\nCPU\""));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("'environment.cpuModel' contains the control character \\r"),
        e.getMessage());
    assertTrue(e.getMessage().contains("mvn clean verify"), e.getMessage());
  }

  @Test
  void whatCountersignWritesPassesItsOwnChecks() {
    BaselineStore store = new BaselineStore(dir);
    store.promote(Fixtures.result(List.of(0.0, 1e12)), 1);
    assertTrue(store.read(Fixtures.TEST).isPresent());
  }
}
