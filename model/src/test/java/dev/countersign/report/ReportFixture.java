package dev.countersign.report;

import dev.countersign.results.ErrorCode;
import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.Budget;
import dev.countersign.results.Environment;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RegressionLimit;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.stats.Comparators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic check, run for real over result and baseline files in a directory: a test with a
 * hostile display name whose allocation regressed (measured on another CPU than its baseline),
 * VM-exit estimates for two host profiles, an unavailable event, a budget; a test with an unchanged
 * metric and one whose baseline came from another source; a test without a baseline; a baseline
 * whose test did not run.
 */
final class ReportFixture {

  static final String HOSTILE = "encode <script>document.title='pwned'</script> & \"quotes\"";

  static final Environment BASE_ENV = new Environment("Linux amd64", "6.1.0-18-amd64",
      "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 2, "kvm", "OpenJDK 64-Bit Server VM 17.0.15",
      Map.of("perf_event_paranoid", "2"));
  static final Environment CUR_ENV = new Environment("Linux amd64", "6.1.0-18-amd64",
      "AMD EPYC 7B13", 2, "kvm", "OpenJDK 64-Bit Server VM 17.0.15",
      Map.of("perf_event_paranoid", "2"));
  /** The current run's kind of CPU, as another hypervisor host names it. */
  static final Environment SAME_KIND_ENV = new Environment("Linux amd64", "6.1.0-18-amd64",
      "AMD EPYC 7B13 64-Core Processor", 2, "kvm", "OpenJDK 64-Bit Server VM 17.0.15",
      Map.of("perf_event_paranoid", "2"));

  private ReportFixture() {}

  /** Writes baselines and results under {@code dir} and runs the real check over them. */
  static CheckReport check(Path dir) {
    BaselineStore baselines = new BaselineStore(dir.resolve("baselines"));
    ResultStore results = new ResultStore(dir.resolve("results"));
    Random rnd = new Random(42);

    TestId encode = new TestId("dev.example.EncoderPerfTest", "encodeRecords", HOSTILE);
    baselines.promote(result(encode, BASE_ENV, List.of(
        noisy("alloc-bytes", Source.JVM, "bytes", 96, 0.5, rnd),
        noisy("instructions", Source.PMU, "count", 250, 3, rnd),
        noisy("cache-misses", Source.PMU, "count", 0.02, 0.001, rnd),
        constant("vmexit.intel-kvm-default.MSR_WRITE", 0.004),
        constant("vmexit.intel-kvm-default.HLT", 0.001),
        constant("vmexit.amd-kvm-default.PAUSE", 0.01),
        constant("vmexit.amd-kvm-default.HLT", 0.001)), List.of()), 1);
    results.write(result(encode, CUR_ENV, List.of(
        noisy("alloc-bytes", Source.JVM, "bytes", 190, 1, rnd),
        noisy("instructions", Source.PMU, "count", 251, 3, rnd),
        noisy("cache-misses", Source.PMU, "count", 0.01, 0.001, rnd),
        constant("vmexit.intel-kvm-default.MSR_WRITE", 0.008),
        constant("vmexit.intel-kvm-default.HLT", 0.001),
        constant("vmexit.amd-kvm-default.PAUSE", 0.01),
        constant("vmexit.amd-kvm-default.HLT", 0.001)), List.of(
        new UnavailableMetric("cycles", Source.PMU, ErrorCode.ENOENT,
            "the CPU's PMU does not offer this generic hardware event (a VM without a virtual PMU)",
            "use the simulator: -Dcountersign.mode=sim"))));

    TestId handOff = new TestId("dev.example.HandOffPerfTest", "handOff", "handOff()");
    baselines.promote(result(handOff, SAME_KIND_ENV, List.of(
        noisy("context-switches", Source.KERNEL, "count", 2.0, 0.1, rnd),
        noisy("instructions", Source.SIM, "count", 900, 0, rnd)), List.of()), 1);
    results.write(result(handOff, CUR_ENV, List.of(
        noisy("context-switches", Source.KERNEL, "count", 2.0, 0.1, rnd),
        noisy("instructions", Source.PMU, "count", 1200, 30, rnd)), List.of()));

    TestId fresh = new TestId("dev.example.NewPerfTest", "brandNew", "brandNew()");
    results.write(result(fresh, CUR_ENV, List.of(
        noisy("alloc-bytes", Source.JVM, "bytes", 64, 1, rnd)), List.of()));

    TestId gone = new TestId("dev.example.GonePerfTest", "removed", "removed()");
    baselines.promote(result(gone, BASE_ENV, List.of(
        noisy("alloc-bytes", Source.JVM, "bytes", 10, 1, rnd)), List.of()), 1);

    return new Check(Comparators.standard()).run(results, baselines, CheckSettings.defaults());
  }

  static TestResult result(TestId id, Environment env, List<MetricSeries> metrics,
      List<UnavailableMetric> unavailable) {
    List<Budget> budgets = id.methodName().equals("encodeRecords")
        ? List.of(new Budget("alloc-bytes", 150)) : List.of();
    List<RegressionLimit> limits = id.methodName().equals("encodeRecords")
        ? List.of(new RegressionLimit("alloc-bytes", 2.0)) : List.of();
    return new TestResult(TestResult.SCHEMA_VERSION, id, new RunConfiguration("auto", 5, 20, 1000, 1),
        env, metrics, unavailable, budgets, limits);
  }

  static MetricSeries noisy(String name, Source source, String unit, double centre, double sd,
      Random rnd) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      v.add(centre + rnd.nextGaussian() * sd);
    }
    return new MetricSeries(name, source, unit, v);
  }

  static MetricSeries constant(String name, double value) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      v.add(value);
    }
    return new MetricSeries(name, Source.MODEL, "count", v);
  }
}
