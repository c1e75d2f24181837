package dev.countersign.stats;

import java.util.Locale;

/** Formats numbers for tables: four significant digits, thousands grouped, never exponent noise. */
public final class Numbers {

  private Numbers() {}

  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 1) {
      return strip(String.format(Locale.ROOT, "%.4g", v));
    }
    if (a >= 1e-4) {
      return strip(String.format(Locale.ROOT, "%.4f", v));
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }

  /** "+3.21%" style, one decimal below 10%, none above 1000%. */
  public static String percent(double p) {
    if (Double.isNaN(p)) {
      return "-";
    }
    if (Double.isInfinite(p)) {
      return p > 0 ? "+inf%" : "-inf%";
    }
    return String.format(Locale.ROOT, Math.abs(p) >= 1000 ? "%+,.0f%%" : "%+.2f%%", p);
  }

  /**
   * Three significant digits without trailing zeros ("0.05", "12.7", "1.2e-05" below 0.001): for
   * p-values, thresholds and levels in notes.
   */
  public static String compact(double v) {
    if (v != 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }

  private static String strip(String s) {
    if (!s.contains(".") || s.contains("e")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
