package dev.countersign.results;

import java.util.Locale;

/**
 * What of a CPU changes what a count means: the vendor and the CPUID family and model (the
 * microarchitecture), not the brand string, which hypervisors report differently for the same
 * part ("AMD EPYC 7B13" and "AMD EPYC 7B13 64-Core Processor"; a frequency suffix "@ 2.90GHz"
 * or none).
 */
public final class CpuIdentity {

  /** The {@link Environment#extra()} key holding {@link #signature(String)}. */
  public static final String SIGNATURE_KEY = "cpu signature";

  private CpuIdentity() {}

  /**
   * "AuthenticAMD family 25 model 1" from /proc/cpuinfo's {@code vendor_id}, {@code cpu family}
   * and {@code model} lines; empty when any is missing (e.g. not x86).
   */
  public static String signature(String cpuinfo) {
    String vendor = Environments.field(cpuinfo, "vendor_id");
    String family = Environments.field(cpuinfo, "cpu family");
    String model = Environments.field(cpuinfo, "model");
    if (vendor.isEmpty() || family.isEmpty() || model.isEmpty()) {
      return "";
    }
    return vendor + " family " + family + " model " + model;
  }

  /**
   * The brand string without what differs between hosts for the same part: trademark marks,
   * the words CPU and Processor, an "N-Core" count, a frequency suffix, case and spacing.
   */
  public static String normalizedName(String brand) {
    return brand.toLowerCase(Locale.ROOT)
        .replaceAll("\\((r|tm)\\)", " ")
        .replaceAll("@\\s*[0-9.]+\\s*[gm]hz", " ")
        .replaceAll("\\b[0-9]+-core\\b", " ")
        .replaceAll("\\b(cpu|processor)\\b", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /**
   * The identity compared between a baseline and a run: the signature when both recorded one,
   * else the normalized brand string.
   */
  private static String comparable(Environment e, boolean bothHaveSignature) {
    return bothHaveSignature ? e.extra().get(SIGNATURE_KEY) : normalizedName(e.cpuModel());
  }

  /** Whether two environments ran on the same kind of CPU (see {@link #comparable}). */
  public static boolean same(Environment a, Environment b) {
    boolean both = a.extra().containsKey(SIGNATURE_KEY) && b.extra().containsKey(SIGNATURE_KEY);
    return comparable(a, both).equals(comparable(b, both));
  }
}
