package dev.countersign.perf;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process may count: {@code perf_event_paranoid} and its effective capabilities.
 *
 * @param paranoid the value of {@code /proc/sys/kernel/perf_event_paranoid}; {@link
 *     Integer#MIN_VALUE} when it cannot be read (no perf support in the kernel)
 * @param capPerfmon CAP_PERFMON (bit 38) is in the effective set
 * @param capSysAdmin CAP_SYS_ADMIN (bit 21) is in the effective set
 */
public record PerfAccess(int paranoid, boolean capPerfmon, boolean capSysAdmin) {

  static final int CAP_SYS_ADMIN = 21;
  static final int CAP_PERFMON = 38;

  /** Reads the settings of this process from {@code /proc}. */
  public static PerfAccess current() {
    return read(Path.of("/proc/sys/kernel/perf_event_paranoid"), Path.of("/proc/self/status"));
  }

  static PerfAccess read(Path paranoidFile, Path statusFile) {
    int paranoid = Integer.MIN_VALUE;
    try {
      paranoid = Integer.parseInt(Files.readString(paranoidFile).strip());
    } catch (IOException | NumberFormatException e) {
      // leave unknown
    }
    BigInteger caps = BigInteger.ZERO;
    try {
      for (String line : Files.readAllLines(statusFile)) {
        if (line.startsWith("CapEff:")) {
          caps = new BigInteger(line.substring("CapEff:".length()).strip(), 16);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no capabilities known: treat as none
    }
    return new PerfAccess(paranoid, caps.testBit(CAP_PERFMON), caps.testBit(CAP_SYS_ADMIN));
  }

  /** CAP_PERFMON or CAP_SYS_ADMIN: the paranoid level does not apply. */
  public boolean privileged() {
    return capPerfmon || capSysAdmin;
  }

  /**
   * Whether events may include kernel-mode activity ({@code exclude_kernel = 0}): when privileged
   * or at paranoid ≤ 1 (kernel/events/core.c {@code perf_allow_kernel}). Otherwise every event is
   * opened user-only, as {@code perf stat} does ({@code :u}).
   */
  public boolean countsKernel() {
    return privileged() || (paranoid != Integer.MIN_VALUE && paranoid <= 1);
  }

  /** One line for reports: "perf_event_paranoid 2, CAP_PERFMON no, CAP_SYS_ADMIN no". */
  public String describe() {
    return "perf_event_paranoid "
        + (paranoid == Integer.MIN_VALUE ? "unreadable" : Integer.toString(paranoid))
        + ", CAP_PERFMON " + (capPerfmon ? "yes" : "no")
        + ", CAP_SYS_ADMIN " + (capSysAdmin ? "yes" : "no");
  }

  /** The command that lets an unprivileged user count kernel activity too. */
  public static String enableKernelCommand() {
    return "sudo sysctl -w kernel.perf_event_paranoid=1";
  }
}
