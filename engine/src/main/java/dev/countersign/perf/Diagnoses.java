package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.util.Set;

/** The diagnosis of an event perf_event_open cannot give: errno, what it means, what to do. */
final class Diagnoses {

  /**
   * Software events the kernel records from scheduler context (kernel/events/core.c {@code
   * perf_sw_event_sched} passes the scheduler's own registers), so {@code exclude_kernel} drops
   * every one of them.
   */
  private static final Set<String> KERNEL_ONLY_SOFTWARE = Set.of("context-switches",
      "cpu-migrations");

  private Diagnoses() {}

  static Source sourceOf(EventSpec spec) {
    return switch (spec.kind()) {
      case SOFTWARE -> Source.KERNEL;
      case TRACEPOINT -> Source.TRACEPOINT;
      default -> Source.PMU;
    };
  }

  /** Whether this event would open but count nothing when kernel activity is excluded. */
  static boolean blindWithoutKernel(EventSpec spec) {
    return spec.kind() == EventKind.TRACEPOINT
        || (spec.kind() == EventKind.SOFTWARE && KERNEL_ONLY_SOFTWARE.contains(spec.name()));
  }

  static UnavailableMetric blind(EventSpec spec, PerfAccess access) {
    return new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), ErrorCode.BLIND,
        "at " + access.describe() + ", only user-space activity may be counted (exclude_kernel=1),"
            + " and " + spec.name() + " happens in the kernel: it would open and count 0",
        PerfAccess.enableKernelCommand() + ", or give the JVM CAP_PERFMON (sudo setcap"
            + " cap_perfmon+ep <java binary>)");
  }

  static UnavailableMetric of(EventSpec spec, PerfUnavailableException e) {
    return new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), e.error(), e.reason(),
        e.remedy());
  }

  static UnavailableMetric filterRejected(EventSpec spec, int errno) {
    return new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), Errno.code(errno),
        "the kernel rejected the tracepoint filter '" + spec.filter().orElse("") + "'",
        "check the field names in the tracepoint's format file (tracefs events/"
            + spec.name().replace(':', '/') + "/format)");
  }

  static UnavailableMetric unsupportedPlatform(EventSpec spec, String why) {
    return new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), ErrorCode.UNSUPPORTED, why,
        "use -Dcountersign.mode=sim");
  }

  /** The diagnosis of {@code perf_event_open} refusing {@code spec} with {@code errno}. */
  static UnavailableMetric ofErrno(EventSpec spec, int errno, PerfAccess access) {
    ErrorCode name = Errno.code(errno);
    String meaning = Errno.meaning(errno);
    boolean pmu = sourceOf(spec) == Source.PMU;
    return switch (errno) {
      case Errno.ENOENT -> pmu
          ? new UnavailableMetric(spec.qualifiedName(), Source.PMU, name,
              "no PMU event of this kind here (a VM without a virtual PMU, or a CPU without this"
                  + " event)",
              "use -Dcountersign.mode=sim or run on bare metal (or a VM with a virtual PMU)")
          : new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), name,
              "this kernel does not provide " + spec.name(), "see 'perf list' for what it has");
      case Errno.EOPNOTSUPP, Errno.ENODEV -> new UnavailableMetric(spec.qualifiedName(),
          sourceOf(spec), name, meaning,
          "use -Dcountersign.mode=sim or run on hardware with this feature");
      case Errno.EACCES, Errno.EPERM -> new UnavailableMetric(spec.qualifiedName(),
          sourceOf(spec), name,
          "not permitted at " + access.describe()
              + (access.paranoid() >= 3 ? " (a distribution patch: levels >= 3 refuse every"
                  + " unprivileged perf_event_open)" : ""),
          access.paranoid() >= 3
              ? "sudo sysctl -w kernel.perf_event_paranoid=2 (user-space counting) or =1"
                  + " (kernel too), or give the JVM CAP_PERFMON"
              : PerfAccess.enableKernelCommand() + ", or give the JVM CAP_PERFMON (sudo setcap"
                  + " cap_perfmon+ep <java binary>)");
      case Errno.ENOSYS -> new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), name,
          meaning, "run on a kernel with CONFIG_PERF_EVENTS, or allow perf_event_open in the"
              + " container's seccomp profile; meanwhile -Dcountersign.mode=sim");
      case Errno.EMFILE -> new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), name,
          meaning, "raise the open-file limit (ulimit -n) or measure fewer events/threads");
      case Errno.ENOSPC, Errno.EBUSY -> new UnavailableMetric(spec.qualifiedName(),
          sourceOf(spec), name, meaning,
          "measure fewer events at once, or stop other PMU users (sysctl kernel.nmi_watchdog=0)");
      default -> new UnavailableMetric(spec.qualifiedName(), sourceOf(spec), name, meaning,
          "check the event with 'perf stat -e " + spec.name() + " true'");
    };
  }
}
