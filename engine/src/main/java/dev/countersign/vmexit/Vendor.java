package dev.countersign.vmexit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The virtualisation extension of a host: decides which PAUSE rule applies. */
public enum Vendor {
  /**
   * Intel VT-x (VMX) with EPT: PAUSE-loop exiting at CPL 0 only (Intel SDM Vol. 3C, "Instructions
   * That Cause VM Exits Conditionally": PAUSE).
   */
  INTEL_VMX,
  /**
   * AMD-V (SVM) with NPT: the pause filter, user mode included (AMD APM Vol. 2, "Pause Intercept
   * Filtering").
   */
  AMD_SVM;

  /** The spelling in profile files: {@code intel-vmx}, {@code amd-svm}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static Vendor of(String id) {
    for (Vendor v : values()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown vendor '" + id + "' (expected intel-vmx or amd-svm)");
  }
}
