package dev.countersign.history;

import dev.countersign.history.HistoryAnalysis.TrendOpenChange;
import dev.countersign.stats.Numbers;
import java.util.ArrayList;
import java.util.List;

/** The lines {@code countersign:history} prints in the build log. */
public final class HistoryTable {

  private HistoryTable() {}

  public static List<String> lines(List<Trend> trends) {
    List<String> lines = new ArrayList<>();
    List<TrendOpenChange> open = HistoryAnalysis.open(trends);
    long changes = trends.stream().mapToLong(t -> t.changes().size()).sum();
    lines.add(trends.size() + " trend(s), " + changes + " change point(s), " + open.size()
        + " open:");
    for (TrendOpenChange o : open) {
      TrendChange c = o.change();
      lines.add(String.format("  %-11s %8s at build %d of %d (commits %s, p=%s)  %s",
          c.regression() ? "REGRESSION" : "IMPROVEMENT",
          Numbers.percent(c.point().changePercent()), c.point().index() + 1,
          trendOf(trends, o).points().size(), c.commitRange(), Numbers.format(c.point().pValue()),
          o.key().label()));
    }
    return lines;
  }

  private static Trend trendOf(List<Trend> trends, TrendOpenChange o) {
    return trends.stream().filter(t -> t.key().equals(o.key())).findFirst().orElseThrow();
  }
}
