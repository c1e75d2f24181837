package dev.countersign.workloads;

import java.util.Arrays;

/**
 * Selects the regressed twin of a workload: system property {@code
 * countersign.workloads.regressed} is {@code all}, {@code none} (default) or a comma-separated
 * list of workload names ({@code allocation,page-touch,hand-off,checksum}).
 */
public final class Regressions {

  /** The system property read. */
  public static final String PROPERTY = "countersign.workloads.regressed";

  private Regressions() {}

  /** Whether the regressed twin of {@code workload} is selected. */
  public static boolean regressed(String workload) {
    String v = System.getProperty(PROPERTY, "none").strip();
    return v.equals("all") || Arrays.asList(v.split("\\s*,\\s*")).contains(workload);
  }
}
