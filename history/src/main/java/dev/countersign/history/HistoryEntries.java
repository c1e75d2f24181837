package dev.countersign.history;

import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.MetricIdentity;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@code check} adds to the history: every measured series of every result, with its verdict. */
public final class HistoryEntries {

  private final List<HistoryEntry> entries;
  private final List<EnvironmentFingerprint> environments;

  private HistoryEntries(List<HistoryEntry> entries, List<EnvironmentFingerprint> environments) {
    this.entries = List.copyOf(entries);
    this.environments = List.copyOf(environments);
  }

  /** The entries of one check of {@code module} ({@code groupId:artifactId}). */
  public static HistoryEntries of(String module, CheckReport report) {
    List<HistoryEntry> entries = new ArrayList<>();
    Map<String, EnvironmentFingerprint> environments = new LinkedHashMap<>();
    for (TestResult r : report.results()) {
      EnvironmentFingerprint env = EnvironmentFingerprint.of(r.environment());
      environments.putIfAbsent(env.id(), env);
      String test = r.test().className() + "." + r.test().methodName();
      for (MetricSeries m : r.metrics()) {
        if (m.perOp().isEmpty()) {
          continue;
        }
        String meaning = SeriesKey.meaningOf(MetricIdentity.of(m, r));
        SeriesKey key = new SeriesKey(module, test, m.name(), m.source(), meaning, m.unit(),
            env.id());
        entries.add(new HistoryEntry(key, m.perOp(), verdictOf(report, r, m)));
      }
    }
    return new HistoryEntries(entries, new ArrayList<>(environments.values()));
  }

  private static Verdict verdictOf(CheckReport report, TestResult r, MetricSeries m) {
    for (CheckRow row : report.rows()) {
      if (row.test().equals(r.test().key()) && row.metric().equals(m.name())) {
        return row.verdict();
      }
    }
    return Verdict.INFORMATIONAL;
  }

  public List<HistoryEntry> entries() {
    return entries;
  }

  public List<EnvironmentFingerprint> environments() {
    return environments;
  }
}
