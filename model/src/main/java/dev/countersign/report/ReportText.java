package dev.countersign.report;

import dev.countersign.check.CheckRow;
import dev.countersign.stats.Comparison;
import dev.countersign.stats.Numbers;

/** How the reports word a row's numbers, the same in every renderer. */
final class ReportText {

  private ReportText() {}

  /**
   * "+98.2%: 96 → 190 bytes/op (ratio 1.982, 95% CI 1.95–2.01, p 0.0002)"; "-" for what was not
   * computed.
   */
  static String howMuch(CheckRow r, String unit) {
    if (r.comparison().isPresent()) {
      Comparison c = r.comparison().get();
      return Numbers.percent(r.changePercent()) + ": " + Numbers.format(r.baseline()) + " → "
          + Numbers.format(r.current()) + " " + unit + " (ratio " + Numbers.format(c.ratio())
          + ", 95% CI " + ci(c) + ", p " + Numbers.format(c.pValue()) + ")";
    }
    if (r.budget().isPresent()) {
      return r.note();
    }
    if (!Double.isNaN(r.current()) || !Double.isNaN(r.baseline())) {
      return Numbers.format(r.baseline()) + " → " + Numbers.format(r.current()) + " " + unit;
    }
    return "";
  }

  /** A unit per op: {@code bytes} becomes {@code bytes/op}; {@code ops/ms} or {@code B/op} stay. */
  static String perOp(String unit) {
    return unit.contains("/") ? unit : unit + "/op";
  }

  /**
   * "0.95–1.02"; "exact" for a deterministic comparison (both sides constant); "-" when not
   * computed. An interval of zero width that came from resampling (every round or run agreeing)
   * is shown as the interval it is, beside its p, not as "exact".
   */
  static String ci(Comparison c) {
    if (c.exact()) {
      return "exact";
    }
    if (Double.isNaN(c.ciLow()) || Double.isNaN(c.ciHigh())) {
      return "-";
    }
    return Numbers.format(c.ciLow()) + "–" + Numbers.format(c.ciHigh());
  }

  /** Whether a row's note is said beside it (one without a comparison or budget to explain it). */
  static boolean noteStandsAlone(CheckRow r) {
    return !r.note().isEmpty() && r.comparison().isEmpty() && r.budget().isEmpty();
  }
}
