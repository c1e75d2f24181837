package dev.countersign.check;

import dev.countersign.results.ErrorCode;
import dev.countersign.stats.Numbers;
import dev.countersign.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a {@link CheckReport} as the aligned plain-text table printed in the build log.
 *
 * <p>What needs action comes first (REGRESSION, OVER BUDGET, INCOMPARABLE, AT RISK,
 * INCONCLUSIVE, NOT RUN, worst first), then every other row in test order. The log table is for
 * reading, so within each test it folds what would otherwise repeat: a test with no baseline at
 * all gets one NO BASELINE row; unavailable metrics with the same error share one row; metrics
 * that are 0 per op in the baseline and in this run share one UNCHANGED row; informational
 * metrics (recorded, not declared: a model's inputs, VM-exit estimates the test set no budget on)
 * share one counted INFO row; a note used by several rows is printed once. Every row, unfolded,
 * is in {@code report.json} and {@code report.html}.
 */
public final class CheckTable {

  private static final String[] HEADER =
      {"TEST", "METRIC", "SOURCE", "BASELINE/op", "CURRENT/op", "CHANGE", "VERDICT"};

  /** {@code compare}'s: A and B, named in the line above the table ({@link Sides#legend}). */
  private static final String[] AB_HEADER =
      {"TEST", "METRIC", "SOURCE", "A/op", "B/op", "CHANGE B/A", "VERDICT"};

  private CheckTable() {}

  /** The table, one string per line, followed by its notes and the comparison method. */
  public static List<String> lines(CheckReport report) {
    List<Line> lines = new ArrayList<>();
    Map<String, List<CheckRow>> byTest = new LinkedHashMap<>();
    report.rows().forEach(r -> byTest.computeIfAbsent(r.test(), k -> new ArrayList<>()).add(r));
    byTest.forEach((test, rows) -> lines.addAll(fold(test, rows, report)));
    lines.sort(Comparator.comparingInt(l -> actionRank(l.verdict())));

    Notes notes = new Notes();
    List<String[]> cells = new ArrayList<>();
    boolean ab = !report.sides().equals(Sides.BASELINE_AND_CURRENT);
    cells.add(ab ? AB_HEADER : HEADER);
    for (Line l : lines) {
      String verdict = l.verdict().label();
      if (!l.note().isEmpty()) {
        verdict += " [" + notes.number(l.note(), l.test() + " " + l.metric()) + "]";
      }
      cells.add(new String[] {l.test(), l.metric(), l.source(), Numbers.format(l.baseline()),
          Numbers.format(l.current()), Numbers.percent(l.change()), verdict});
    }
    List<String> out = new ArrayList<>();
    if (ab) {
      out.add(report.sides().legend());
    }
    out.addAll(align(cells));
    out.addAll(notes.lines());
    out.add("Comparison: " + report.method() + "; default threshold "
        + Numbers.format(report.settings().thresholdPercent()) + "%.");
    return out;
  }

  /** What needs action, worst first; everything else keeps its place, after it (stable sort). */
  private static final List<Verdict> ACTION_FIRST = List.of(Verdict.REGRESSION,
      Verdict.OVER_BUDGET, Verdict.INCOMPARABLE, Verdict.AT_RISK, Verdict.INCONCLUSIVE,
      Verdict.NOT_RUN);

  private static int actionRank(Verdict v) {
    int i = ACTION_FIRST.indexOf(v);
    return i < 0 ? ACTION_FIRST.size() : i;
  }

  /** One printed row: a report row, or several folded into one. */
  private record Line(String test, String metric, String source, double baseline, double current,
      double change, Verdict verdict, String note) {}

  private static List<Line> fold(String test, List<CheckRow> rows, CheckReport report) {
    boolean noBaselineAtAll = !report.baselines().containsKey(test);
    List<Line> out = new ArrayList<>();
    List<CheckRow> noBaseline = new ArrayList<>();
    Map<ErrorCode, List<CheckRow>> unavailableByError = new LinkedHashMap<>();
    List<CheckRow> zeros = new ArrayList<>();
    List<CheckRow> inputs = new ArrayList<>();
    for (CheckRow r : rows) {
      if (r.verdict() == Verdict.NO_BASELINE && noBaselineAtAll) {
        noBaseline.add(r);
      } else if (r.verdict() == Verdict.UNAVAILABLE && r.error().isPresent()) {
        unavailableByError.computeIfAbsent(r.error().get(), k -> new ArrayList<>()).add(r);
      } else if (isZero(r)) {
        zeros.add(r);
      } else if (r.verdict() == Verdict.INFORMATIONAL) {
        inputs.add(r);
      } else {
        out.add(new Line(r.test(), r.metric(), r.source(), r.baseline(), r.current(),
            r.changePercent(), r.verdict(), needsNote(r) ? r.note() : ""));
      }
    }
    if (!noBaseline.isEmpty()) {
      out.add(0, folded(test, noBaseline, Verdict.NO_BASELINE, noBaseline.get(0).note()));
    }
    unavailableByError.forEach((error, group) -> out.add(folded(test, group, Verdict.UNAVAILABLE,
        group.size() == 1 ? group.get(0).note() : names(group) + ": " + sharedNote(error, group))));
    if (!inputs.isEmpty()) {
      out.add(folded(test, inputs, Verdict.INFORMATIONAL, inputs.size() == 1 ? ""
          : "recorded for information (their values are in report.html): " + names(inputs)));
    }
    if (!zeros.isEmpty()) {
      out.add(folded(test, zeros, zeros.size() == 1 ? zeros.get(0).verdict() : Verdict.UNCHANGED,
              zeros.size() == 1 ? "" : (report.sides().equals(Sides.BASELINE_AND_CURRENT)
              ? "0 per op, in the baseline (where it has one) and in this run: "
              : "0 per op, at " + report.sides().first() + " and at " + report.sides().second()
                  + ": ") + names(zeros)));
    }
    return out;
  }

  private static Line folded(String test, List<CheckRow> group, Verdict verdict, String note) {
    CheckRow first = group.get(0);
    if (group.size() == 1) {
      return new Line(test, first.metric(), first.source(), first.baseline(), first.current(),
          first.changePercent(), verdict, note);
    }
    Set<String> sources = new LinkedHashSet<>();
    group.forEach(r -> sources.add(r.source()));
    boolean zero = verdict == Verdict.UNCHANGED;
    return new Line(test, "(" + group.size() + " metrics)", String.join(",", sources),
        zero ? 0 : Double.NaN, zero ? 0 : Double.NaN, Double.NaN, verdict, note);
  }

  /** Unchanged or informational, and 0 now and in the baseline (or no baseline value). */
  private static boolean isZero(CheckRow r) {
    boolean quiet = r.verdict() == Verdict.UNCHANGED || r.verdict() == Verdict.INFORMATIONAL;
    return quiet && r.current() == 0 && (r.baseline() == 0 || Double.isNaN(r.baseline()));
  }

  /** The note of a group: its one diagnosis when all agree, else where to read each. */
  private static String sharedNote(ErrorCode error, List<CheckRow> group) {
    Set<String> distinct = new LinkedHashSet<>();
    group.forEach(r -> distinct.add(r.note()));
    return distinct.size() == 1 ? distinct.iterator().next()
        : error.id() + " (each metric's diagnosis is in report.html); the first: "
            + group.get(0).note();
  }

  /** "vmexit.intel-kvm-default.{HLT,PAUSE}, page-faults": names grouped by their prefix. */
  static String names(List<CheckRow> rows) {
    Map<String, List<String>> byPrefix = new TreeMap<>();
    for (CheckRow r : rows) {
      int dot = r.metric().lastIndexOf('.');
      String prefix = dot < 0 ? "" : r.metric().substring(0, dot);
      byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>())
          .add(dot < 0 ? r.metric() : r.metric().substring(dot + 1));
    }
    List<String> parts = new ArrayList<>();
    byPrefix.forEach((prefix, last) -> {
      if (prefix.isEmpty()) {
        parts.addAll(last);
      } else {
        parts.add(prefix + "." + (last.size() == 1 ? last.get(0) : "{" + String.join(",", last) + "}"));
      }
    });
    return String.join(", ", parts);
  }

  private static boolean needsNote(CheckRow r) {
    return switch (r.verdict()) {
      case UNAVAILABLE, INCOMPARABLE, NOT_RUN, NO_BASELINE, INCONCLUSIVE, OVER_BUDGET, AT_RISK -> true;
      default -> !r.note().isEmpty() && r.comparison().isPresent()
          && !r.comparison().get().exact();
    };
  }

  private static List<String> align(List<String[]> cells) {
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
        String pad = " ".repeat(width[i] - row[i].length());
        sb.append(numeric ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad));
        if (i < row.length - 1) {
          sb.append("  ");
        }
      }
      out.add(sb.toString().stripTrailing());
    }
    return out;
  }

  /**
   * Footnotes, numbered in order of first use. A note used by one row names it ("Test metric:
   * note"); one shared by several rows is printed once with how many rows refer to it.
   */
  private static final class Notes {
    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private final Map<String, List<String>> users = new LinkedHashMap<>();

    int number(String note, String user) {
      users.computeIfAbsent(note, k -> new ArrayList<>()).add(user);
      return numbers.computeIfAbsent(note, k -> numbers.size() + 1);
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      numbers.forEach((note, n) -> {
        List<String> who = users.get(note);
        out.add("[" + n + "] " + (who.size() == 1 ? who.get(0) + ": " : "(" + who.size() + " rows) ")
            + note);
      });
      return out;
    }
  }
}
