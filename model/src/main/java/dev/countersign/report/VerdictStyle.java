package dev.countersign.report;

import dev.countersign.stats.Verdict;

/** How a verdict is shown: its severity rank (for sorting, worst first) and its colour. */
final class VerdictStyle {

  private VerdictStyle() {}

  /** 0 = worst. Sorting the verdict column ascending puts what fails the build first. */
  static int rank(Verdict v) {
    return switch (v) {
      case REGRESSION -> 0;
      case OVER_BUDGET -> 1;
      case INCOMPARABLE -> 2;
      case AT_RISK -> 3;
      case INCONCLUSIVE -> 4;
      case UNAVAILABLE -> 5;
      case NOT_RUN -> 6;
      case NO_BASELINE -> 7;
      case IMPROVEMENT -> 8;
      case WITHIN_BUDGET -> 9;
      case UNCHANGED -> 10;
      case INFORMATIONAL -> 11;
    };
  }

  /** CSS class of the verdict badge: {@code bad}, {@code warn}, {@code good}, {@code info}, {@code ok}. */
  static String tone(Verdict v) {
    return switch (v) {
      case REGRESSION, OVER_BUDGET, INCOMPARABLE -> "bad";
      case AT_RISK, INCONCLUSIVE -> "warn";
      case IMPROVEMENT -> "good";
      case UNAVAILABLE, NOT_RUN, NO_BASELINE -> "info";
      case WITHIN_BUDGET, UNCHANGED, INFORMATIONAL -> "ok";
    };
  }

  /** Colour of the current side in plots. */
  static String color(Verdict v) {
    return switch (tone(v)) {
      case "bad" -> "#c62828";
      case "good" -> "#2e7d32";
      case "warn" -> "#b26a00";
      default -> "#1f5fbf";
    };
  }

  /** Whether the verdict needs a reader's attention (everything but unchanged and within budget). */
  static boolean notable(Verdict v) {
    return v != Verdict.UNCHANGED && v != Verdict.WITHIN_BUDGET && v != Verdict.INFORMATIONAL;
  }
}
