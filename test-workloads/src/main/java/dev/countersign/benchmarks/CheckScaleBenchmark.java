package dev.countersign.benchmarks;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckSettings;
import dev.countersign.report.Reports;
import dev.countersign.results.Baseline;
import dev.countersign.results.BaselineRun;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Environments;
import dev.countersign.results.JsonFiles;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code check} costs as baselines grow: one test with the default four metrics (task-clock,
 * page-faults, context-switches, alloc-bytes), each noisy (CV 3%), {@code samples} values on each
 * side, read from files, compared (10,000 bootstrap resamples, Mann–Whitney, Mann–Kendall) and
 * written as every report. One shot per iteration (the whole goal, as a build runs it). The size
 * of report.html is printed at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class CheckScaleBenchmark {

  static final List<String> METRICS =
      List.of("task-clock", "page-faults", "context-switches", "alloc-bytes");

  @Param({"1000", "100000"})
  public int samples;

  private Path dir;

  @Setup(Level.Trial)
  public void writeFiles() throws IOException {
    dir = Files.createTempDirectory("countersign-check-scale");
    writeFiles(dir, samples);
  }

  /**
   * Writes one test's result and its baseline of one run under {@code dir} ({@code results/},
   * {@code baselines/}): the four metrics, {@code samples} values each.
   */
  static void writeFiles(Path dir, int samples) {
    TestId test = new TestId("org.example.BigPerfTest", "run", "run()");
    RunConfiguration config = new RunConfiguration("perf", 5, samples, 1, 1);
    TestResult current = result(test, config, samples, 1);
    TestResult before = result(test, config, samples, 2);
    new ResultStore(dir.resolve("results")).write(current);
    JsonFiles.write(dir.resolve("baselines").resolve(test.fileName()),
        new Baseline(Baseline.SCHEMA_VERSION, test, List.of(BaselineRun.of(before))));
  }

  private static TestResult result(TestId test, RunConfiguration config, int samples,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<MetricSeries> metrics = new ArrayList<>();
    for (String m : METRICS) {
      List<Double> v = new ArrayList<>(samples);
      for (int i = 0; i < samples; i++) {
        v.add(1000 * Math.exp(0.03 * r.nextGaussian()));
      }
      metrics.add(new MetricSeries(m, Source.KERNEL, "count", v));
    }
    return new TestResult(TestResult.SCHEMA_VERSION, test, config, Environments.current(),
        metrics, List.of(), List.of(), List.of());
  }

  /** The whole {@code check} goal over {@code dir}: read, compare, write every report. */
  static List<Path> checkAndReport(Path dir) {
    CheckSettings settings = CheckSettings.defaults();
    CheckReport report = new Check(Comparators.standard(settings.correction()))
        .run(new ResultStore(dir.resolve("results")), new BaselineStore(dir.resolve("baselines")),
            settings);
    return Reports.writeAll(report, dir.resolve("report"));
  }

  @Benchmark
  public List<Path> checkAndReport() {
    return checkAndReport(dir);
  }

  @TearDown(Level.Trial)
  public void sizes() throws IOException {
    Path html = dir.resolve("report").resolve("report.html");
    System.out.printf("%n[samples=%d] report.html %,d bytes; result file %,d bytes%n", samples,
        Files.size(html), Files.size(dir.resolve("results")
            .resolve("org.example.BigPerfTest.run.json")));
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
