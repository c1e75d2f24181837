package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JmhResultsTest {

  static final Environment HOST = new Environment("Linux amd64", "6.1", "Test CPU", 2, "kvm",
      "host JVM", Map.of());

  @TempDir Path dir;

  /** A JMH 1.37-shaped entry: rawData over two forks of five iterations, around {@code centre}. */
  static String entry(String benchmark, String mode, String unit, double centre,
      String secondaryName, double secondaryCentre, long seed) {
    Random rnd = new Random(seed);
    return String.format(Locale.ROOT, """
        {
          "jmhVersion" : "1.37", "benchmark" : "%s", "mode" : "%s", "threads" : 1, "forks" : 2,
          "jvm" : "/usr/bin/java", "jvmArgs" : [], "jdkVersion" : "17.0.15",
          "vmName" : "OpenJDK 64-Bit Server VM", "vmVersion" : "17.0.15+6",
          "warmupIterations" : 2, "warmupTime" : "1 s", "warmupBatchSize" : 1,
          "measurementIterations" : 5, "measurementTime" : "1 s", "measurementBatchSize" : 1,
          "params" : { "size" : "100" },
          "primaryMetric" : { "score" : %s, "scoreError" : 1.0, "scoreConfidence" : [0, 0],
            "scorePercentiles" : { "0.0" : 0 }, "scoreUnit" : "%s", "rawData" : %s },
          "secondaryMetrics" : { "%s" : { "score" : %s, "scoreError" : "NaN",
            "scoreConfidence" : [0, 0], "scorePercentiles" : {}, "scoreUnit" : "B/op",
            "rawData" : %s } }
        }""", benchmark, mode, centre, unit, raw(rnd, centre), secondaryName, secondaryCentre,
        raw(rnd, secondaryCentre));
  }

  static String raw(Random rnd, double centre) {
    List<String> forks = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      List<String> it = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        it.add(String.format(Locale.ROOT, "%.6f", centre * (1 + rnd.nextGaussian() * 0.01)));
      }
      forks.add("[" + String.join(", ", it) + "]");
    }
    return "[" + String.join(", ", forks) + "]";
  }

  Path file(String name, String... entries) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "[\n" + String.join(",\n", entries) + "\n]\n");
    return f;
  }

  @Test
  void readsPrimaryAndSecondaryRawDataPerIteration() throws Exception {
    Path f = file("a.json", entry("org.example.Bench.encode", "thrpt", "ops/s", 1000,
        "·gc.alloc.rate.norm", 96, 1));
    List<TestResult> results = JmhResults.read(f, HOST);
    assertEquals(1, results.size());
    TestResult r = results.get(0);
    assertEquals("Bench.encode[thrpt,size=100]", r.test().key());
    assertEquals("org.example.Bench.encode[thrpt,size=100].json", r.test().fileName());
    MetricSeries score = r.metric(JmhResults.SCORE).orElseThrow();
    assertEquals(10, score.perOp().size());
    assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), score.fork());
    assertEquals("ops/s", score.unit());
    assertEquals(Source.JVM, score.source());
    assertTrue(score.higherIsBetter());
    MetricSeries alloc = r.metric("gc.alloc.rate.norm").orElseThrow();
    assertEquals("B/op", alloc.unit());
    assertTrue(!alloc.higherIsBetter());
    assertEquals(96, alloc.perOp().get(0), 5);
    assertEquals("jmh-thrpt", r.configuration().mode());
    assertEquals(2, r.configuration().forks());
    assertEquals("OpenJDK 64-Bit Server VM 17.0.15+6", r.environment().jvm());
    assertEquals("Test CPU", r.environment().cpuModel());
  }

  @Test
  void sampleModeHistogramBecomesTheMeanOfEachIteration() throws Exception {
    Path f = file("s.json", """
        { "benchmark" : "org.example.Bench.lat", "mode" : "sample",
          "primaryMetric" : { "score" : 2.0, "scoreUnit" : "us/op",
            "rawDataHistogram" : [ [ [ [1.0, 3], [3.0, 1] ], [ [2.0, 2] ] ] ] },
          "secondaryMetrics" : {} }""");
    MetricSeries s = JmhResults.read(f, HOST).get(0).metric("score").orElseThrow();
    assertEquals(List.of(1.5, 2.0), s.perOp());
  }

  @Test
  void nanSecondaryIsUnavailableNotZero() throws Exception {
    Path f = file("n.json", """
        { "benchmark" : "org.example.Bench.x", "mode" : "avgt",
          "primaryMetric" : { "scoreUnit" : "ns/op", "rawData" : [[1.0, 2.0]] },
          "secondaryMetrics" : { "countersign.cycles" : { "scoreUnit" : "#/op",
            "rawData" : [["NaN", "NaN"]] } } }""");
    TestResult r = JmhResults.read(f, HOST).get(0);
    assertTrue(r.metric("countersign.cycles").isEmpty());
    assertEquals(ErrorCode.NOT_COUNTED, r.unavailable().get(0).error());
  }

  @Test
  void throughputDropIsARegressionAndRiseAnImprovement() throws Exception {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    for (TestResult r : JmhResults.read(file("base.json",
        entry("org.example.Bench.encode", "thrpt", "ops/s", 1000, "gc.alloc.rate.norm", 96, 1),
        entry("org.example.Bench.decode", "avgt", "ns/op", 50, "gc.alloc.rate.norm", 16, 2)),
        HOST)) {
      baselines.promote(r, 1);
    }
    CheckReport slower = check(baselines, file("slow.json",
        entry("org.example.Bench.encode", "thrpt", "ops/s", 800, "gc.alloc.rate.norm", 192, 3),
        entry("org.example.Bench.decode", "avgt", "ns/op", 60, "gc.alloc.rate.norm", 16, 4)));
    assertEquals(Verdict.REGRESSION, verdict(slower, "Bench.encode[thrpt,size=100]", "score"));
    assertEquals(Verdict.REGRESSION,
        verdict(slower, "Bench.encode[thrpt,size=100]", "gc.alloc.rate.norm"));
    assertEquals(Verdict.REGRESSION, verdict(slower, "Bench.decode[avgt,size=100]", "score"));
    assertEquals(Verdict.UNCHANGED,
        verdict(slower, "Bench.decode[avgt,size=100]", "gc.alloc.rate.norm"));

    CheckReport faster = check(baselines, file("fast.json",
        entry("org.example.Bench.encode", "thrpt", "ops/s", 1200, "gc.alloc.rate.norm", 96, 5),
        entry("org.example.Bench.decode", "avgt", "ns/op", 40, "gc.alloc.rate.norm", 16, 6)));
    assertEquals(Verdict.IMPROVEMENT, verdict(faster, "Bench.encode[thrpt,size=100]", "score"));
    assertEquals(Verdict.IMPROVEMENT, verdict(faster, "Bench.decode[avgt,size=100]", "score"));
    assertTrue(faster.failures().isEmpty());

    CheckReport same = check(baselines, file("same.json",
        entry("org.example.Bench.encode", "thrpt", "ops/s", 1000, "gc.alloc.rate.norm", 96, 7),
        entry("org.example.Bench.decode", "avgt", "ns/op", 50, "gc.alloc.rate.norm", 16, 8)));
    assertTrue(same.failures().isEmpty(), same.rows().toString());
  }

  private CheckReport check(BaselineStore baselines, Path jmh) {
    return new Check(Comparators.standard()).run(new ResultStore(dir.resolve("no-results")),
        JmhResults.read(List.of(jmh), HOST), baselines, CheckSettings.defaults());
  }

  private static Verdict verdict(CheckReport report, String test, String metric) {
    return report.rows().stream().filter(r -> r.test().equals(test) && r.metric().equals(metric))
        .map(CheckRow::verdict).findFirst().orElseThrow(() -> new AssertionError(
            "no row " + test + " " + metric + " in " + report.rows()));
  }

  @Test
  void badInputGetsAClearError() throws Exception {
    Path text = dir.resolve("t.json");
    Files.writeString(text, "Benchmark  Mode  Cnt  Score\n");
    assertTrue(assertThrows(CountersignFileException.class, () -> JmhResults.read(text, HOST))
        .getMessage().contains("-rf json"));
    Path object = file("o.json");
    Files.writeString(object, "{}");
    assertTrue(assertThrows(CountersignFileException.class, () -> JmhResults.read(object, HOST))
        .getMessage().contains("expected an array"));
    Path noRaw = file("r.json", """
        { "benchmark" : "a.B.c", "mode" : "avgt", "primaryMetric" : { "scoreUnit" : "ns/op" } }""");
    assertTrue(assertThrows(CountersignFileException.class, () -> JmhResults.read(noRaw, HOST))
        .getMessage().contains("neither rawData nor rawDataHistogram"));
    Path badMode = file("m.json", """
        { "benchmark" : "a.B.c", "mode" : "fast", "primaryMetric" : {} }""");
    assertTrue(assertThrows(CountersignFileException.class, () -> JmhResults.read(badMode, HOST))
        .getMessage().contains("JMH modes are"));
    Path one = file("1.json", entry("a.B.c", "avgt", "ns/op", 1, "x", 1, 1));
    Path two = file("2.json", entry("a.B.c", "avgt", "ns/op", 1, "x", 1, 1));
    assertTrue(assertThrows(CountersignFileException.class,
        () -> JmhResults.read(List.of(one, two), HOST)).getMessage().contains("also appears in"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> JmhResults.files("target/jmh-result.json", dir));
    assertTrue(missing.getMessage().contains("does not exist")
        && missing.getMessage().contains("-rf json"), missing.getMessage());
    assertEquals(List.of(one, two), JmhResults.files(" 1.json , 2.json ,", dir));
    assertEquals(List.of(), JmhResults.files("  ", dir));
  }

  /**
   * JMH files now get the checks baseline files have: a string that reaches the log (the
   * benchmark's name, a secondary metric's label, the unit) may hold no control character, and a
   * score, a histogram count or an iteration count must be a finite number ≥ 0 (JMH's own "NaN"
   * stays an unavailable metric). Before, a newline in the name reached the build log as a line
   * of its own and a negative score was gated as an improvement.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
      "newline in the benchmark name | \"a.B.c\" | \"a.B.c\\n[INFO] BUILD SUCCESS\" | field '[0].benchmark' contains the control character \\n at position 5",
      "escape in a secondary label | \"gc.alloc\" | \"gc.\\u001b[2Jalloc\" | name 'gc.\\u001b[2Jalloc' contains the control character \\u001b",
      "carriage return in the unit | \"ns/op\" | \"ns/op\\r\" | field '[0].primaryMetric.scoreUnit' contains the control character \\r",
      "negative score | [[1.000000, | [[-1.000000, | field '[0].primaryMetric.rawData[0][0]' is -1.0: a score is a time",
      "score as other text | [[1.000000, | [[\"fast\", | field '[0].primaryMetric.rawData[0][0]' is \"fast\": a score is a time",
      "negative warm-up count | \"warmupIterations\" : 2 | \"warmupIterations\" : -2 | field '[0].warmupIterations' is -2: a count is a whole number ≥ 0",
      "fractional fork count | \"forks\" : 2 | \"forks\" : 1.5 | field '[0].forks' is 1.5: a count is a whole number ≥ 0",
  })
  void badValuesInAJmhFileAreRefusedNamingFileAndField(String what, String from, String to,
      String expected) throws Exception {
    String good = entry("a.B.c", "avgt", "ns/op", 1, "gc.alloc", 1, 1)
        .replaceFirst("\\[\\[[0-9.]+,", "[[1.000000,");
    assertTrue(good.contains(from), "fixture lacks " + from);
    Path f = file("bad.json", good.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)));
    CountersignFileException e = assertThrows(CountersignFileException.class,
        () -> JmhResults.read(f, HOST));
    String msg = e.getMessage();
    assertTrue(msg.startsWith(f.toString()), msg);
    assertTrue(msg.contains(expected), msg);
    assertTrue(msg.contains("run the benchmarks again"), msg);
    assertTrue(msg.chars().noneMatch(c -> c < 0x20), "the message must stay one line: " + msg);
  }

  /** A user's @AuxCounters may count a difference: below 0 it is not gated, and says why. */
  @Test
  void aNegativeSecondaryResultIsUnavailableNotAnError() throws Exception {
    String good = entry("a.B.c", "avgt", "ns/op", 1, "delta", 1, 1);
    int at = good.indexOf("[[", good.indexOf("\"delta\""));
    Path f = file("neg.json", good.substring(0, at) + "[[-3.0," + good.substring(
        good.indexOf(',', at) + 1));
    TestResult r = JmhResults.read(f, HOST).get(0);
    assertTrue(r.metric("score").isPresent(), "the primary score is still read");
    assertTrue(r.metric("delta").isEmpty(), "a negative secondary must not be gated");
    UnavailableMetric u = r.unavailable().stream().filter(x -> x.name().equals("delta"))
        .findFirst().orElseThrow(() -> new AssertionError(r.unavailable().toString()));
    assertEquals(ErrorCode.NEGATIVE, u.error());
    assertTrue(u.reason().contains("1 of 10 iterations below 0"), u.reason());
  }

  @Test
  void aNegativeOrFractionalHistogramCountIsRefused() throws Exception {
    String sample = """
        { "benchmark" : "a.B.c", "mode" : "sample", "primaryMetric" : { "scoreUnit" : "ns/op",
          "rawDataHistogram" : [ [ [ [10.0, 3], [20.0, %s] ] ] ] } }""";
    Path ok = file("ok.json", sample.formatted("1"));
    assertEquals(12.5, JmhResults.read(ok, HOST).get(0).metrics().get(0).perOp().get(0));
    for (String bad : List.of("-1", "0.5", "\"x\"")) {
      Path f = file("h.json", sample.formatted(bad));
      String msg = assertThrows(CountersignFileException.class, () -> JmhResults.read(f, HOST))
          .getMessage();
      assertTrue(msg.contains("field '[0].primaryMetric.rawDataHistogram[0][0][1][1]' is " + bad
          + ": a histogram bin is [value, count], the count a whole number ≥ 0"), msg);
    }
  }

  @Test
  void parameterValuesStayPortableInFileNames() {
    assertEquals("a_b_c=1", JmhResults.safe("a/b c=1"));
  }
}
