package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

  @TempDir Path dir;

  @Test
  void roundTripsAResult() {
    TestResult r = Fixtures.result(List.of(80.0, 81.5, 80.0));
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, r);
    assertEquals(r, JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
  }

  @Test
  void keysAreSortedAndOutputIsStable() throws IOException {
    TestResult r = Fixtures.result(List.of(1.0, 2.0));
    String a = JsonFiles.toJson(r);
    assertEquals(a, JsonFiles.toJson(r));
    List<String> topLevel = a.lines().filter(l -> l.matches("^  \"[a-zA-Z]+\" : .*")).toList();
    List<String> sorted = topLevel.stream().sorted().toList();
    assertEquals(sorted, topLevel);
    assertTrue(a.endsWith("}\n"));
  }

  @Test
  void writeLeavesNoTemporaryFiles() throws IOException {
    JsonFiles.write(dir.resolve("a.json"), Fixtures.result(List.of(1.0)));
    JsonFiles.write(dir.resolve("a.json"), Fixtures.result(List.of(2.0)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("a.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void truncatedFileNamesFileLineAndRemedy() throws IOException {
    Path f = dir.resolve("b.json");
    String json = JsonFiles.toJson(Fixtures.result(List.of(1.0)));
    Files.writeString(f, json.substring(0, json.length() / 2));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "baseline"));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("line"), e.getMessage());
    assertTrue(e.getMessage().contains("countersign:baseline"), e.getMessage());
  }

  @Test
  void wrongSchemaVersionIsNamed() throws IOException {
    Path f = dir.resolve("c.json");
    Files.writeString(f, JsonFiles.toJson(Fixtures.result(List.of(1.0)))
        .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("schemaVersion 99"), e.getMessage());
  }

  @Test
  void missingSchemaVersionMeansNotOurs() throws IOException {
    Path f = dir.resolve("d.json");
    Files.writeString(f, "{\"hello\": 1}");
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("no schemaVersion"), e.getMessage());
  }

  @Test
  void handEditedWrongTypeIsNamed() throws IOException {
    Path f = dir.resolve("e.json");
    Files.writeString(f, JsonFiles.toJson(Fixtures.result(List.of(1.0)))
        .replace("\"source\" : \"jvm\"", "\"source\" : \"gpu\""));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("unknown source 'gpu'"), e.getMessage());
    assertTrue(e.getMessage().contains("edited by hand"), e.getMessage());
  }
}
