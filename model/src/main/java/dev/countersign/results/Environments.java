package dev.countersign.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads the {@link Environment} fingerprint of this machine and JVM. */
public final class Environments {

  private Environments() {}

  public static Environment current() {
    String cpuinfo = read("/proc/cpuinfo");
    Map<String, String> extra = new TreeMap<>();
    String paranoid = read("/proc/sys/kernel/perf_event_paranoid").strip();
    if (!paranoid.isEmpty()) {
      extra.put("perf_event_paranoid", paranoid);
    }
    String signature = CpuIdentity.signature(cpuinfo);
    if (!signature.isEmpty()) {
      extra.put(CpuIdentity.SIGNATURE_KEY, signature);
    }
    return new Environment(
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        orUnknown(read("/proc/sys/kernel/osrelease").strip()),
        orUnknown(field(cpuinfo, "model name")),
        Runtime.getRuntime().availableProcessors(),
        virtualization(cpuinfo),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        extra);
  }

  /**
   * {@code bare-metal} unless the CPUID hypervisor bit is set (the {@code hypervisor} flag in
   * /proc/cpuinfo); then the DMI vendor or {@code /sys/hypervisor/type} when known, else {@code
   * vm}.
   */
  static String virtualization(String cpuinfo) {
    String flags = field(cpuinfo, "flags");
    if (!(" " + flags + " ").contains(" hypervisor ")) {
      return flags.isEmpty() ? "unknown" : "bare-metal";
    }
    String type = read("/sys/hypervisor/type").strip();
    if (!type.isEmpty()) {
      return type;
    }
    String vendor = (read("/sys/class/dmi/id/sys_vendor") + " "
        + read("/sys/class/dmi/id/product_name")).toLowerCase(Locale.ROOT);
    if (vendor.contains("qemu") || vendor.contains("kvm")) {
      return "kvm";
    }
    if (vendor.contains("amazon")) {
      return "kvm (aws nitro)";
    }
    if (vendor.contains("google")) {
      return "kvm (gce)";
    }
    if (vendor.contains("microsoft")) {
      return "hyper-v";
    }
    if (vendor.contains("vmware")) {
      return "vmware";
    }
    return "vm";
  }

  static String field(String cpuinfo, String key) {
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "unknown" : s;
  }
}
