package dev.countersign.results;

import java.util.List;
import java.util.Map;

/** Small, valid result values for tests. */
public final class Fixtures {

  private Fixtures() {}

  public static final TestId TEST = new TestId("com.example.QueuePerfTest", "offerPoll", "offerPoll()");

  public static Environment environment() {
    return new Environment("Linux amd64", "6.1.0", "Test CPU", 2, "kvm", "OpenJDK 17",
        Map.of("perf_event_paranoid", "2"));
  }

  public static TestResult result(TestId test, Source source, String mode, List<Double> perOp) {
    return new TestResult(TestResult.SCHEMA_VERSION, test,
        new RunConfiguration(mode, 5, perOp.size(), 1000, 1), environment(),
        List.of(new MetricSeries("alloc-bytes", source, "bytes", perOp)), List.of(), List.of(),
        List.of(new RegressionLimit("alloc-bytes", 2.0)));
  }

  public static TestResult result(List<Double> perOp) {
    return result(TEST, Source.JVM, "auto", perOp);
  }
}
