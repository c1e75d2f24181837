package dev.countersign.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the p-values of all comparisons of one build are corrected together, so that testing dozens
 * of metrics does not turn chance into alarms. Property {@code countersign.correction}: {@code
 * holm} (default), {@code bh}, {@code none}.
 */
public enum Correction {
  /**
   * Holm's step-down procedure: controls the family-wise error rate (the chance of any false
   * significant result in the build) at α, uniformly more powerful than Bonferroni.
   */
  HOLM("holm", "Holm (family-wise error rate)"),
  /**
   * Benjamini–Hochberg step-up procedure: controls the false-discovery rate (the expected share of
   * false ones among the significant results) at α, for independent or positively dependent tests.
   */
  BENJAMINI_HOCHBERG("bh", "Benjamini-Hochberg (false-discovery rate)"),
  /** No correction: each comparison at α on its own (about 5% of unchanged metrics look changed). */
  NONE("none", "none");

  private final String id;
  private final String label;

  Correction(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The property value: {@code holm}, {@code bh} or {@code none}. */
  public String id() {
    return id;
  }

  /** Human-readable name for the table footer. */
  public String label() {
    return label;
  }

  /**
   * Parses a property value, case-insensitively.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static Correction parse(String value) {
    if (value == null || value.isBlank()) {
      return HOLM;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (Correction c : values()) {
      if (c.id.equals(v)) {
        return c;
      }
    }
    if (v.equals("benjamini-hochberg") || v.equals("fdr")) {
      return BENJAMINI_HOCHBERG;
    }
    throw new IllegalArgumentException("countersign.correction is '" + value
        + "'; use holm (default: family-wise error rate), bh (Benjamini-Hochberg false-discovery"
        + " rate) or none");
  }

  /**
   * Adjusted p-values, in the order given: a comparison is significant at level α when its adjusted
   * p-value is below α. NaN entries are left out of the family and stay NaN.
   */
  public double[] adjust(double[] p) {
    int m = 0;
    for (double x : p) {
      if (!Double.isNaN(x)) {
        m++;
      }
    }
    double[] out = p.clone();
    if (this == NONE || m == 0) {
      return out;
    }
    Integer[] order = new Integer[m];
    int k = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        order[k++] = i;
      }
    }
    // ties broken by position so the result never depends on the sort's stability
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[a], p[b]) : Integer.compare(a, b));
    if (this == HOLM) {
      double running = 0;
      for (int j = 0; j < m; j++) {
        running = Math.max(running, Math.min(1.0, (m - j) * p[order[j]]));
        out[order[j]] = running;
      }
    } else {
      double running = 1.0;
      for (int j = m - 1; j >= 0; j--) {
        running = Math.min(running, Math.min(1.0, (double) m / (j + 1) * p[order[j]]));
        out[order[j]] = running;
      }
    }
    return out;
  }
}
