package dev.countersign.benchmarks;

import dev.countersign.changepoint.ChangePointSettings;
import dev.countersign.changepoint.EDivisive;
import dev.countersign.history.BuildInfo;
import dev.countersign.history.EnvironmentFingerprint;
import dev.countersign.history.HistoryAnalysis;
import dev.countersign.history.HistoryEntry;
import dev.countersign.history.HistoryException;
import dev.countersign.history.HistoryStore;
import dev.countersign.history.SeriesKey;
import dev.countersign.history.Trend;
import dev.countersign.results.Environment;
import dev.countersign.results.Source;
import dev.countersign.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The history store on the embedded SQLite file, at the sizes of issue 15: {@code append} records
 * one build of 50 tests × 20 metrics × 20 samples (1,000 rows, one transaction; target ≤ 200 ms);
 * {@code analyse} reads 50 trends of 10,000 builds each and finds their change points (target ≤
 * 10 s). Both single-shot: each is one {@code check} or one {@code countersign:history}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class HistoryBenchmark {

  static final String MODULE = "com.example:bench";
  static final EnvironmentFingerprint ENV = EnvironmentFingerprint.of(new Environment(
      "Linux amd64", "6.18", "bench CPU", 2, "kvm", "OpenJDK 17", Map.of()));

  /** A store that grows by one build per append. */
  @State(Scope.Benchmark)
  public static class AppendState {
    Path dir;
    HistoryStore store;
    List<HistoryEntry> entries;
    int next;

    @Setup(Level.Trial)
    public void open() throws IOException, HistoryException {
      dir = Files.createTempDirectory("countersign-history-bench");
      store = HistoryStore.open(location(dir));
      entries = new ArrayList<>();
      SplittableRandom r = new SplittableRandom(1);
      for (int t = 0; t < 50; t++) {
        for (int m = 0; m < 20; m++) {
          List<Double> samples = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            samples.add(1000 * (1 + 0.03 * r.nextGaussian()));
          }
          entries.add(new HistoryEntry(new SeriesKey(MODULE, "bench.Test" + t + ".run",
              "metric" + m, Source.SIM, "", "count", ENV.id()), samples, Verdict.UNCHANGED));
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      delete(dir);
    }
  }

  /** 10,000 builds × 50 metrics, with a 5% step at build 6,000 of every metric. */
  @State(Scope.Benchmark)
  public static class AnalyseState {
    Path dir;
    HistoryStore store;

    @Setup(Level.Trial)
    public void fill() throws IOException, HistoryException, SQLException {
      dir = Files.createTempDirectory("countersign-history-bench");
      HistoryStore.open(location(dir)).close(); // creates the schema
      // the fixture in one transaction (a real store grows one build per check)
      try (Connection c = DriverManager.getConnection(location(dir).url())) {
        c.setAutoCommit(false);
        try (PreparedStatement e = c.prepareStatement(
            "INSERT INTO cs_environment VALUES (?, ?)")) {
          e.setString(1, ENV.id());
          e.setString(2, ENV.description());
          e.executeUpdate();
        }
        SplittableRandom r = new SplittableRandom(2);
        try (PreparedStatement b = c.prepareStatement(
                "INSERT INTO cs_build VALUES (?, ?, ?, ?, ?)");
            PreparedStatement m = c.prepareStatement(
                "INSERT INTO cs_result VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (int build = 0; build < 10_000; build++) {
            String id = "build-" + build;
            b.setString(1, MODULE);
            b.setString(2, id);
            b.setString(3, String.format("%040x", build));
            b.setString(4, "main");
            b.setLong(5, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() + 60_000L * build);
            b.executeUpdate();
            for (int metric = 0; metric < 50; metric++) {
              double v = (build < 6_000 ? 1000 : 1050) * (1 + 0.02 * r.nextGaussian());
              m.setString(1, MODULE);
              m.setString(2, id);
              m.setString(3, "bench.Test.run");
              m.setString(4, "metric" + metric);
              m.setString(5, "sim");
              m.setString(6, "");
              m.setString(7, "count");
              m.setString(8, ENV.id());
              m.setInt(9, 20);
              m.setDouble(10, v);
              m.setDouble(11, v);
              m.setDouble(12, 0);
              m.setString(13, samples(v)); // a row as wide as a real one
              m.setString(14, Verdict.UNCHANGED.name());
              m.addBatch();
            }
            m.executeBatch();
          }
        }
        c.commit();
      }
      store = HistoryStore.open(location(dir));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      delete(dir);
    }
  }

  /** The same 50 series of 10,000 builds in memory: the detector's share of {@code analyse}. */
  @State(Scope.Benchmark)
  public static class SeriesState {
    double[][] series = new double[50][10_000];

    @Setup(Level.Trial)
    public void fill() {
      SplittableRandom r = new SplittableRandom(2);
      for (double[] s : series) {
        for (int b = 0; b < s.length; b++) {
          s[b] = (b < 6_000 ? 1000 : 1050) * (1 + 0.02 * r.nextGaussian());
        }
      }
    }
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public int detect(SeriesState s) {
    EDivisive detector = new EDivisive(ChangePointSettings.DEFAULTS);
    int found = 0;
    for (double[] series : s.series) {
      found += detector.detect(series).size();
    }
    return found;
  }

  @Benchmark
  @Warmup(iterations = 5)
  @Measurement(iterations = 20)
  public HistoryStore.Appended append(AppendState s) throws HistoryException {
    int n = s.next++;
    return s.store.append(new BuildInfo(MODULE, "build-" + n, "c" + n, "main",
        Instant.ofEpochMilli(n)), List.of(ENV), s.entries);
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public List<Trend> analyse(AnalyseState s) throws HistoryException {
    List<Trend> trends = new HistoryAnalysis(ChangePointSettings.DEFAULTS, 10_000, Optional.empty())
        .analyse(s.store, MODULE);
    if (trends.size() != 50 || trends.get(0).points().size() != 10_000) {
      throw new IllegalStateException("expected 50 trends of 10,000 builds, got " + trends.size());
    }
    return trends;
  }

  /** 20 samples per op around {@code v}, as check writes them. */
  static String samples(double v) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append(i == 0 ? "" : " ").append(v * (1 + i * 1e-4));
    }
    return s.toString();
  }

  static dev.countersign.history.StoreLocation location(Path dir) {
    return new dev.countersign.history.StoreLocation("jdbc:sqlite:" + dir.resolve("history.db"),
        Optional.empty(), Optional.empty());
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
