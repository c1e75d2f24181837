package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are read and written as streams (no text or tree of the whole file), with the samples
 * held unboxed; the checks and the format stay what they were. What that saves is measured by
 * {@code CheckMemoryBenchmark} in test-workloads.
 */
class StreamedFilesTest {

  @TempDir Path dir;

  private static List<Double> samples(int n) {
    List<Double> v = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      v.add(1000.0 + i % 17);
    }
    return v;
  }

  @Test
  void writtenTextIsExactlyWhatToJsonGivesAndReadsBackEqual() throws IOException {
    TestResult r = Fixtures.result(samples(1000));
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, r);
    assertEquals(JsonFiles.toJson(r), Files.readString(f));
    TestResult back = JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result");
    assertEquals(r, back);
    assertEquals(r.hashCode(), back.hashCode());
  }

  @Test
  void samplesAreReadUnboxedAndStayImmutable() {
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, Fixtures.result(samples(3)));
    MetricSeries m = JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result")
        .metrics().get(0);
    assertInstanceOf(SampleList.class, m.perOp());
    assertEquals(List.of(1000.0, 1001.0, 1002.0), m.perOp());
    assertEquals(List.of(1000.0, 1001.0, 1002.0).hashCode(), m.perOp().hashCode());
    assertThrows(UnsupportedOperationException.class, () -> m.perOp().set(0, 0.0));
    double[] copy = m.values();
    copy[0] = -1;
    assertEquals(1000.0, m.perOp().get(0), "values() must be a copy");
  }

  @Test
  void aBadSampleDeepInALargeFileIsNamedByItsPath() throws IOException {
    List<Double> v = samples(100_000);
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, Fixtures.result(v));
    String text = Files.readString(f);
    int last = text.lastIndexOf("1015.0");
    Files.writeString(f, text.substring(0, last) + "-1015.0" + text.substring(last + 6));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    int index = v.lastIndexOf(1015.0);
    assertTrue(e.getMessage().contains("field 'metrics[0].perOp[" + index + "]' is -1015.0"),
        e.getMessage());
  }

  /** Values Countersign does not map (an unknown field) are checked too: they may be logged. */
  @Test
  void aControlCharacterInAnUnknownFieldIsStillRefused() throws IOException {
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, Fixtures.result(samples(3)));
    Files.writeString(f, Files.readString(f).replaceFirst("\\{", "{ \"note\" : [ { \"x\" :"
        + " \"a\\\\u001b[2Jb\" } ],"));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("field 'note[0].x' contains the control character"
        + " \\u001b at position 1"), e.getMessage());
  }

  @Test
  void aMissingRequiredFieldIsNamedAndAMissingOptionalOneIsNotRecorded() throws IOException {
    Path f = dir.resolve("r.json");
    JsonFiles.write(f, Fixtures.result(samples(3)));
    String text = Files.readString(f);
    TestResult read = JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result");
    assertNull(read.metrics().get(0).kernel(), "an absent optional field is read as null");
    assertNull(read.configuration().agents());

    Files.writeString(f, text.replace("\"unit\" : \"bytes\"", "\"unitOfOld\" : \"bytes\""));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JsonFiles.read(f, TestResult.class, TestResult.SCHEMA_VERSION, "result"));
    assertTrue(e.getMessage().contains("is not a valid result file: Missing required creator"
        + " property 'unit'"), e.getMessage());
  }
}
