package dev.countersign.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads JMH result files ({@code -rf json}, e.g. {@code target/jmh-result.json}) as Countersign
 * results, so that {@code check} gates JMH benchmarks with the same statistics and table as
 * {@code @PerfTest}s and {@code baseline} promotes them.
 *
 * <p>One JMH entry (benchmark × mode × parameters) becomes one test: class = the benchmark's
 * class, method = {@code <method>[<mode>,<param>=<value>,...]}. Its primary metric becomes the
 * metric {@value #SCORE}, each secondary metric (e.g. {@code gc.alloc.rate.norm}, {@code
 * countersign.alloc-bytes}) a metric of its own label; the values are JMH's per-iteration raw data
 * ({@code rawData}, or the mean of each iteration's {@code rawDataHistogram} in sample mode) in
 * JMH's unit. Throughput units ({@code ops/s}, {@code ops/ms}, ...) are higher-is-better; every
 * other unit is a cost. All values are recorded with source {@code jvm}: JMH measured them inside
 * the JVM. The environment is that of the machine reading the file, with JMH's VM name and version.
 */
public final class JmhResults {

  /** The name of the metric holding JMH's primary result. */
  public static final String SCORE = "score";

  private static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");

  private JmhResults() {}

  /**
   * The files named by the {@code countersign.jmhResults} property: comma-separated paths,
   * relative ones resolved against {@code baseDir}. Blank or null gives none.
   *
   * @throws IllegalArgumentException when a named file does not exist, saying how to produce it
   */
  public static List<Path> files(String property, Path baseDir) {
    List<Path> out = new ArrayList<>();
    if (property == null || property.isBlank()) {
      return out;
    }
    for (String part : property.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      Path p = baseDir.resolve(part.strip());
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("countersign.jmhResults names " + p + ", which does not"
            + " exist: run the benchmarks first, writing JSON (e.g. 'java -jar target/benchmarks.jar"
            + " -rf json -rff " + part.strip() + "'), or remove it from countersign.jmhResults");
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Reads every file; a benchmark (with its mode and parameters) may appear only once in all.
   *
   * @param host the environment to record (the machine that ran the benchmarks)
   * @throws CountersignFileException naming the file and what is wrong with it
   */
  public static List<TestResult> read(List<Path> files, Environment host) {
    Map<String, Path> seen = new TreeMap<>();
    List<TestResult> all = new ArrayList<>();
    for (Path f : files) {
      for (TestResult r : read(f, host)) {
        Path earlier = seen.put(r.test().key(), f);
        if (earlier != null) {
          throw new CountersignFileException(f, "benchmark " + r.test().key() + " also appears in "
              + (earlier.equals(f) ? "this file" : earlier) + "; list each JMH run once in"
              + " countersign.jmhResults");
        }
        all.add(r);
      }
    }
    return all;
  }

  /** Reads one JMH JSON result file. */
  public static List<TestResult> read(Path file, Environment host) {
    JsonNode root;
    try {
      root = JsonFiles.readTree(file, "JMH result", REMEDY);
    } catch (JsonProcessingException e) {
      throw new CountersignFileException(file, "is not valid JSON (" + e.getOriginalMessage()
          + "): is it a JMH result written with '-rf json'? A text result (-rf text/csv) cannot"
          + " be read", e);
    }
    if (root == null || !root.isArray()) {
      throw new CountersignFileException(file, "is not a JMH JSON result: expected an array of"
          + " benchmark entries, found " + (root.isMissingNode() ? "nothing" : root.getNodeType()));
    }
    List<TestResult> out = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : (Iterable<JsonNode>) root::elements) {
      out.add(entry(file, index++, entry, host));
    }
    return out;
  }

  private static TestResult entry(Path file, int index, JsonNode e, Environment host) {
    String where = "entry " + index;
    for (String count : List.of("warmupIterations", "measurementIterations", "forks",
        "threads")) {
      JsonNode n = e.get(count);
      if (n != null && (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0)) {
        throw invalid(file, "[" + index + "]." + count, Printable.of(n.toString()),
            "a count is a whole number ≥ 0");
      }
    }
    String benchmark = text(file, where, e, "benchmark");
    String mode = text(file, where + " (" + benchmark + ")", e, "mode");
    if (!MODES.contains(mode)) {
      throw new CountersignFileException(file, where + " (" + benchmark + ") has mode '" + mode
          + "'; JMH modes are " + new java.util.TreeSet<>(MODES));
    }
    int dot = benchmark.lastIndexOf('.');
    if (dot <= 0 || dot == benchmark.length() - 1) {
      throw new CountersignFileException(file, where + ": benchmark '" + benchmark
          + "' is not <class>.<method>");
    }
    StringBuilder method = new StringBuilder(benchmark.substring(dot + 1)).append('[').append(mode);
    JsonNode params = e.get("params");
    if (params != null && params.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      params.fields().forEachRemaining(p -> sorted.put(p.getKey(), p.getValue().asText()));
      sorted.forEach((k, v) -> method.append(',').append(safe(k)).append('=').append(safe(v)));
    }
    method.append(']');
    TestId id = new TestId(benchmark.substring(0, dot), method.toString(),
        benchmark + " " + method.substring(method.indexOf("[")));

    List<MetricSeries> metrics = new ArrayList<>();
    List<UnavailableMetric> unavailable = new ArrayList<>();
    JsonNode primary = e.get("primaryMetric");
    if (primary == null || !primary.isObject()) {
      throw new CountersignFileException(file, where + " (" + benchmark + ") has no primaryMetric");
    }
    int forks = metric(file, where + " (" + benchmark + ") primaryMetric",
        "[" + index + "].primaryMetric", SCORE, primary, metrics, unavailable);
    JsonNode secondary = e.get("secondaryMetrics");
    if (secondary != null && secondary.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = secondary.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> s = it.next();
        String name = s.getKey().startsWith("·") ? s.getKey().substring(1) : s.getKey();
        metric(file, where + " (" + benchmark + ") secondary metric " + s.getKey(),
            "[" + index + "].secondaryMetrics." + s.getKey(), name, s.getValue(), metrics,
            unavailable);
      }
    }
    int iterations = metrics.stream().filter(m -> m.name().equals(SCORE))
        .mapToInt(m -> m.perOp().size()).findFirst().orElse(0);
    List<String> jvmArgs = new ArrayList<>();
    e.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText("")));
    MeasuredCode code = JvmAgents.attachesCountersign(jvmArgs) ? MeasuredCode.INSTRUMENTED
        : MeasuredCode.PLAIN;
    metrics.replaceAll(m -> m.withCode(code));
    RunConfiguration conf = new RunConfiguration("jmh-" + mode,
        e.path("warmupIterations").asInt(0), iterations, 1, Math.max(1, forks),
        JvmAgents.of(jvmArgs));
    String vm = (e.path("vmName").asText("") + " " + e.path("vmVersion").asText("")).strip();
    Environment env = new Environment(host.os(), host.kernel(), host.cpuModel(), host.cpus(),
        host.virtualization(), vm.isEmpty() ? host.jvm() : vm, host.extra());
    return new TestResult(TestResult.SCHEMA_VERSION, id, conf, env, metrics, unavailable,
        List.of(), List.of());
  }

  /** Adds the metric (or why it is unavailable); returns its number of forks. */
  private static int metric(Path file, String where, String path, String name, JsonNode m,
      List<MetricSeries> metrics, List<UnavailableMetric> unavailable) {
    if (!m.isObject()) {
      throw new CountersignFileException(file, where + " is not an object");
    }
    boolean secondary = !name.equals(SCORE);
    String unit = m.path("scoreUnit").asText("");
    if (unit.isEmpty()) {
      throw new CountersignFileException(file, where + " has no scoreUnit");
    }
    List<Double> values = new ArrayList<>();
    List<Integer> fork = new ArrayList<>();
    JsonNode raw = m.get("rawData");
    JsonNode histogram = m.get("rawDataHistogram");
    int forks;
    if (raw != null && raw.isArray()) {
      forks = raw.size();
      for (int f = 0; f < raw.size(); f++) {
        JsonNode iterations = raw.get(f);
        for (int i = 0; i < iterations.size(); i++) {
          values.add(sample(file, path + ".rawData[" + f + "][" + i + "]", iterations.get(i),
              secondary));
          fork.add(f);
        }
      }
    } else if (histogram != null && histogram.isArray()) {
      forks = histogram.size();
      for (int f = 0; f < histogram.size(); f++) {
        JsonNode iterations = histogram.get(f);
        for (int i = 0; i < iterations.size(); i++) {
          JsonNode iteration = iterations.get(i);
          double sum = 0;
          double count = 0;
          for (int b = 0; b < iteration.size(); b++) {
            String at = path + ".rawDataHistogram[" + f + "][" + i + "][" + b + "]";
            JsonNode bin = iteration.get(b);
            double value = sample(file, at + "[0]", bin.get(0), secondary);
            JsonNode n = bin.get(1);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
              throw invalid(file, at + "[1]", n == null ? "missing" : Printable.of(n.toString()),
                  "a histogram bin is [value, count], the count a whole number ≥ 0");
            }
            sum += value * n.asLong();
            count += n.asLong();
          }
          values.add(count == 0 ? Double.NaN : sum / count);
          fork.add(f);
        }
      }
    } else {
      throw new CountersignFileException(file, where + " has neither rawData nor rawDataHistogram:"
          + " Countersign compares the per-iteration values; was the file edited or written by a"
          + " JMH older than 1.0?");
    }
    long negative = values.stream().filter(v -> v < 0).count();
    if (negative > 0) {
      unavailable.add(new UnavailableMetric(name, Source.JVM, ErrorCode.NEGATIVE,
          "JMH recorded " + negative + " of " + values.size() + " iterations below 0, and"
              + " Countersign judges costs and throughputs, which are not",
          "gate a metric that cannot fall below 0 (a counter that counts a difference is not"
              + " gated)"));
      return forks;
    }
    long bad = values.stream().filter(v -> !Double.isFinite(v)).count();
    if (values.isEmpty() || bad > 0) {
      unavailable.add(new UnavailableMetric(name, Source.JVM, ErrorCode.NOT_COUNTED,
          values.isEmpty() ? "JMH recorded no iterations of it"
              : "JMH recorded " + bad + " of " + values.size() + " iterations as NaN or infinite",
          "see the JMH log for the profiler's message about " + name));
      return forks;
    }
    metrics.add(new MetricSeries(name, Source.JVM, unit, values, List.of(),
        forks > 1 ? fork : List.of()));
    return forks;
  }

  /**
   * A sample: a finite number, ≥ 0 for the primary score, or JMH's own mark of a value it could
   * not compute ({@code "NaN"}, {@code "Infinity"}: JMH writes them as strings), which makes the
   * metric unavailable. Anything else is refused, naming the field: a score is a time or a
   * throughput. A secondary result below 0 is kept here and makes its metric unavailable ({@link
   * #metric}): a user's {@code @AuxCounters} may count a difference.
   */
  private static double sample(Path file, String path, JsonNode v, boolean secondary) {
    if (v != null && v.isTextual() && NON_FINITE.contains(v.asText())) {
      return Double.parseDouble(v.asText());
    }
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())
        || (v.asDouble() < 0 && !secondary)) {
      throw invalid(file, path, v == null ? "missing" : Printable.of(v.toString()),
          "a score is a time, a throughput, a size or a count: a finite number ≥ 0 (or JMH's"
              + " \"NaN\" where it could not compute one)");
    }
    return v.asDouble();
  }

  /** JMH's strings for the values it could not compute. */
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private static final String REMEDY = "the file is JMH's output: run the benchmarks again"
      + " ('-rf json'), or revert the hand edit";

  private static CountersignFileException invalid(Path file, String path, String value,
      String rule) {
    return new CountersignFileException(file, "field '" + path + "' is " + value + ": " + rule
        + "; " + REMEDY);
  }

  private static String text(Path file, String where, JsonNode e, String field) {
    JsonNode v = e.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new CountersignFileException(file, where + " has no '" + field + "': is this a JMH"
          + " JSON result (-rf json)?");
    }
    return v.asText();
  }

  /** Keeps file names portable: parameter text outside [A-Za-z0-9_.=-] becomes '_'. */
  static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.=-]", "_");
  }
}
