package dev.countersign.history;

import dev.countersign.results.Environment;
import dev.countersign.results.Source;
import dev.countersign.stats.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds and entries for the history tests. */
final class HistoryFixtures {

  static final String MODULE = "com.example:queue";
  static final EnvironmentFingerprint ENV = EnvironmentFingerprint.of(new Environment(
      "Linux amd64", "6.1.0", "Test CPU", 2, "kvm", "OpenJDK 17", Map.of("perf_event_paranoid", "2")));

  private HistoryFixtures() {}

  static SeriesKey key(String metric) {
    return new SeriesKey(MODULE, "com.example.QueuePerfTest.offerPoll", metric, Source.SIM, "", "count",
        ENV.id());
  }

  static BuildInfo build(int n) {
    return new BuildInfo(MODULE, "build-" + n, String.format("%02x", n).repeat(20), "main",
        Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * n));
  }

  static List<HistoryEntry> entries(double level, int metrics) {
    List<HistoryEntry> list = new ArrayList<>();
    for (int m = 0; m < metrics; m++) {
      list.add(new HistoryEntry(key("metric-" + m), List.of(level, level * 1.001, level * 0.999),
          Verdict.UNCHANGED));
    }
    return list;
  }
}
