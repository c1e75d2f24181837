package dev.countersign.check;

import dev.countersign.stats.Numbers;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link CheckReport} as the aligned plain-text table printed in the build log. */
public final class CheckTable {

  private static final String[] HEADER =
      {"TEST", "METRIC", "SOURCE", "BASELINE/op", "CURRENT/op", "CHANGE", "VERDICT"};

  private CheckTable() {}

  /** The table, one string per line, followed by notes for rows that carry one. */
  public static List<String> lines(CheckReport report) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    List<String> notes = new ArrayList<>();
    for (CheckRow r : report.rows()) {
      String verdict = r.verdict().label();
      if (!r.note().isEmpty() && needsNote(r)) {
        notes.add("[" + (notes.size() + 1) + "] " + r.test() + " " + r.metric() + ": " + r.note());
        verdict += " [" + notes.size() + "]";
      }
      cells.add(new String[] {r.test(), r.metric(), r.source(), Numbers.format(r.baseline()),
          Numbers.format(r.current()), Numbers.percent(r.changePercent()), verdict});
    }
    int[] width = new int[HEADER.length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean numeric = i >= 3 && i <= 5;
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        sb.append(numeric ? pad + cell : cell + (i == row.length - 1 ? "" : pad));
        if (i < row.length - 1) {
          sb.append("  ");
        }
      }
      out.add(sb.toString().stripTrailing());
    }
    out.addAll(notes);
    out.add("Comparison: " + report.method() + "; default threshold "
        + Numbers.format(report.settings().thresholdPercent()) + "%.");
    return out;
  }

  private static boolean needsNote(CheckRow r) {
    return switch (r.verdict()) {
      case UNAVAILABLE, INCOMPARABLE, NOT_RUN, NO_BASELINE, INCONCLUSIVE, OVER_BUDGET, AT_RISK -> true;
      default -> !r.note().isEmpty() && r.comparison().isPresent()
          && !r.note().startsWith("deterministic");
    };
  }
}
