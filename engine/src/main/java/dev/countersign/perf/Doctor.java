package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.results.Environment;
import dev.countersign.results.Environments;
import dev.countersign.results.KernelCounting;
import dev.countersign.runner.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What this machine can measure and why not, for {@code mvn countersign:doctor}: kernel,
 * architecture, {@code perf_event_paranoid}, capabilities, VM or not, KVM host parameters, tracefs,
 * each event class opened for real, the events the project's compiled tests name, and the
 * commands that would enable the rest.
 */
public final class Doctor {

  /** Representative events of each class, opened for real. */
  static final List<String> PROBED = List.of("cycles", "instructions", "branch-misses",
      "cache-misses", "ref-cycles", "L1-dcache-load-misses", "LLC-load-misses",
      "dTLB-load-misses", "r00c0", "cpu-clock", "task-clock", "page-faults", "minor-faults",
      "major-faults", "context-switches", "cpu-migrations", "alignment-faults",
      "emulation-faults", "timer:hrtimer_start", "msr:write_msr", "sched:sched_switch",
      "ipi:ipi_send_cpu", "tlb:tlb_flush", "power:cpu_idle");

  private final CapabilityProbe capabilities;
  private final PerfAccess access;
  private final Tracefs tracefs;
  private final Path sys;

  private Doctor(CapabilityProbe capabilities, PerfAccess access, Tracefs tracefs, Path sys) {
    this.capabilities = capabilities;
    this.access = access;
    this.tracefs = tracefs;
    this.sys = sys;
  }

  /**
   * The report, one line each.
   *
   * @param annotated the events the annotations of the project's compiled test classes name; may
   *     be null (then only the event classes are reported)
   */
  public static List<String> report(AnnotatedEvents annotated) {
    return new Doctor(new CapabilityProbe(), PerfAccess.current(), new Tracefs(), Path.of("/sys"))
        .lines(annotated);
  }

  List<String> lines(AnnotatedEvents scan) {
    Environment env = Environments.current();
    List<String> out = new ArrayList<>();
    out.add("Countersign doctor: what this machine can measure");
    out.add("  kernel:          " + env.kernel() + " (" + env.os() + "), architecture "
        + System.getProperty("os.arch"));
    out.add("  cpu:             " + env.cpuModel() + " x" + env.cpus());
    out.add("  virtualization:  " + virtualization(env));
    out.add("  KVM host:        " + kvmHost());
    out.add("  jvm:             " + env.jvm());
    out.add("  perf_event_paranoid: " + paranoid());
    out.add("  capabilities:    CAP_PERFMON " + yes(access.capPerfmon()) + ", CAP_SYS_ADMIN "
        + yes(access.capSysAdmin()) + " -> " + (access.countsKernel()
            ? "kernel activity is counted (exclude_kernel=0)"
            : "user-mode only (exclude_kernel=1): counts leave out kernel mode, and"
                + " kernel-only events are BLIND"));
    out.add("  tracefs:         " + tracefsState());
    out.add("  inherit + group reads: " + capabilities.inheritWithGroupReads()
        .map(ok -> ok ? "accepted (threads the test starts are counted in one group read)"
            : "refused by this kernel (each event read on its own; threads still counted)")
        .orElse("unknown (perf_event_open unusable)"));
    out.add("  counter reads:   " + readPath());
    out.add("Event classes (each opened for real with perf_event_open):");
    Set<String> commands = new LinkedHashSet<>();
    Map<String, int[]> perClass = new LinkedHashMap<>();
    Map<String, String> firstProblem = new LinkedHashMap<>();
    for (String name : PROBED) {
      EventSpec spec = EventCatalog.parse(name);
      CapabilityProbe.EventStatus s = capabilities.check(spec);
      boolean ok = s.state() == CapabilityProbe.State.SUPPORTED;
      String label = kindLabel(spec.kind());
      out.add(String.format(Locale.ROOT, "  %-9s %-24s %-11s %s", label, name,
          s.state().name().toLowerCase(Locale.ROOT),
          ok ? "(source " + s.source().id() + (s.kernel() == KernelCounting.EXCLUDED
              ? "; " + CapabilityProbe.USER_MODE_ONLY : "") + ")" : s.describe()));
      int[] tally = perClass.computeIfAbsent(label, k -> new int[2]);
      tally[ok ? 0 : 1]++;
      if (!ok) {
        firstProblem.putIfAbsent(label, s.diagnosis().error().id() + ": " + s.diagnosis().reason());
      }
    }
    out.add("Summary:");
    perClass.forEach((label, tally) -> out.add(String.format(Locale.ROOT,
        "  %-9s %d of %d available%s", label, tally[0], tally[0] + tally[1],
        tally[1] == 0 ? " (" + whyAvailable(label) + ")"
            : " (" + firstProblem.get(label) + ")")));
    if (scan != null) {
      out.add("Events named in the annotations of " + scan.classes() + " (" + scan.classFiles()
          + " class files):");
      scan.problems().forEach(p -> out.add("  cannot read: " + p));
      if (scan.events().isEmpty()) {
        out.add("  none found");
      }
      int missing = 0;
      for (Map.Entry<String, Set<Mode>> named : scan.modes().entrySet()) {
        String name = named.getKey();
        EventSpec spec;
        try {
          spec = EventCatalog.parse(name);
        } catch (IllegalArgumentException e) {
          out.add("  " + name + ": invalid name: " + e.getMessage());
          missing += named.getValue().size();
          continue;
        }
        for (Mode mode : named.getValue()) {
          Resolved r = resolve(spec, mode);
          out.add(String.format(Locale.ROOT, "  %-32s %-10s %s", name, r.source(),
              mode.id() + ": " + r.what()));
          if (r.command() != null) {
            missing++;
            commands.add(r.command());
          }
        }
      }
      if (!scan.events().isEmpty()) {
        out.add(missing == 0 ? "All events the tests name can be measured here."
            // an event named by tests of two modes counts once per mode
            : missing + " of " + scan.modes().values().stream().mapToInt(Set::size).sum()
                + " events the tests name cannot be"
                + " measured here. To enable them:");
      }
      for (String c : commands) {
        out.add("  " + c);
      }
    }
    return out;
  }

  /**
   * Where a test of {@code mode} gets the event, in the order {@code ProbeProviders.chain} asks the
   * providers: {@code auto} the kernel, then the JVM, then the simulator; {@code perf} the kernel and
   * the JVM; {@code sim} the simulator, then the JVM, and never {@code perf_event_open}. VM exits
   * are derived from the guest events of that mode's feed ({@code VmExitDeriver#inputs}).
   *
   * @param source the source the value will carry, or {@code -} when none gives it
   * @param what what the test measures, or why not
   * @param command what would enable it, when it cannot be measured here; null when it can
   */
  private record Resolved(String source, String what, String command) {}

  private Resolved resolve(EventSpec spec, Mode mode) {
    String name = spec.name();
    if (mode == Mode.SIM) {
      if (simulated(spec)) {
        return new Resolved("sim", "the simulator (deterministic counts), with the agent"
            + " prepare-agent attaches; mode sim asks no perf_event_open", null);
      }
      if (spec.kind() == EventKind.JVM) {
        return new Resolved("jvm", "measurable (the JVM's own management beans)", null);
      }
      if (spec.kind() == EventKind.VMEXIT) {
        return new Resolved("model", "derived by the VM-exit model from the simulator's guest"
            + " events (feed sim)", null);
      }
      return new Resolved("-", "unavailable: the simulator does not count it and mode sim asks"
          + " no perf_event_open",
          "(no command: " + name + " in a test of mode sim is never measured; name it in a test"
              + " of mode auto or perf)");
    }
    if (spec.kind() == EventKind.JVM) {
      return new Resolved("jvm", "measurable (the JVM's own management beans)", null);
    }
    if (spec.kind() == EventKind.VMEXIT) {
      return new Resolved("model", "derived by the VM-exit model from guest events ("
          + (mode == Mode.PERF ? "tracepoints, feed perf" : "tracepoints or the simulator") + ")",
          null);
    }
    CapabilityProbe.EventStatus s = capabilities.check(spec);
    if (s.state() == CapabilityProbe.State.SUPPORTED) {
      return new Resolved(s.source().id(), s.source().id() + ", " + s.describe(), null);
    }
    if (mode == Mode.AUTO && simulated(spec)) {
      // auto falls back to the simulator (ProbeProviders.chain): say so, not "cannot"
      return new Resolved("sim", "the simulator, with the agent prepare-agent attaches"
          + " (perf_event_open here: " + s.describe() + ")", null);
    }
    return new Resolved(s.source().id(), s.describe(), command(s));
  }

  /** Whether the simulator counts the event (in {@code auto} when the kernel cannot). */
  private static boolean simulated(EventSpec spec) {
    return spec.filter().isEmpty()
        && dev.countersign.sim.SimProbeProvider.EVENTS.containsKey(spec.name());
  }

  private String whyAvailable(String label) {
    return switch (label) {
      case "software" -> "kernel software events need no PMU"
          + (access.countsKernel() ? "" : "; user-mode only");
      case "trace" -> "tracefs readable and kernel counting permitted ("
          + (access.privileged() ? "CAP_PERFMON/CAP_SYS_ADMIN" : "perf_event_paranoid "
              + access.paranoid()) + ")";
      default -> "the PMU is accessible";
    };
  }

  /** The command (or, where none exists, the alternative) that enables an unavailable event. */
  String command(CapabilityProbe.EventStatus s) {
    ErrorCode error = s.diagnosis().error();
    String remedy = s.diagnosis().remedy();
    if (remedy.contains("mount ")) {
      return remedy.substring(remedy.indexOf("sudo mount")).split(" \\(")[0];
    }
    return switch (error) {
      case EACCES, EPERM, BLIND -> access.paranoid() >= 3 && error != ErrorCode.BLIND
          ? "sudo sysctl -w kernel.perf_event_paranoid=2   # user-space counting; =1 adds the kernel"
          : PerfAccess.enableKernelCommand()
              + "   # or: sudo setcap cap_perfmon+ep $(readlink -f $(which java))";
      case ENOENT, EOPNOTSUPP, ENODEV -> s.source() == dev.countersign.results.Source.PMU
          ? "(no command: this machine has no PMU for hardware events (ENOENT); run on bare metal"
              + " or a VM with a virtual PMU, or use -Dcountersign.mode=sim)"
          : "(no command: " + s.diagnosis().reason() + ")";
      default -> "(" + s.name() + ": " + remedy + ")";
    };
  }

  private static String kindLabel(EventKind kind) {
    return switch (kind) {
      case HARDWARE -> "hardware";
      case HW_CACHE -> "hw-cache";
      case RAW -> "raw";
      case SOFTWARE -> "software";
      case TRACEPOINT -> "trace";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  private String paranoid() {
    int p = access.paranoid();
    if (p == Integer.MIN_VALUE) {
      return "unreadable (no /proc/sys/kernel/perf_event_paranoid: kernel without perf events?)";
    }
    String meaning = p <= -1 ? "almost everything allowed to everyone"
        : p == 0 ? "no raw tracepoint data for unprivileged users"
        : p == 1 ? "no CPU-wide events for unprivileged users; kernel counting allowed"
        : p == 2 ? "unprivileged users may count user space of their own tasks only"
        : "distribution patch: unprivileged perf_event_open refused (mainline treats it as 2)";
    return p + " (" + meaning + ")";
  }

  private String virtualization(Environment env) {
    String cpuinfo = read(Path.of("/proc/cpuinfo"));
    boolean hypervisor = false;
    for (String line : cpuinfo.split("\n")) {
      if (line.startsWith("flags")) {
        hypervisor = (" " + line + " ").contains(" hypervisor ");
        break;
      }
    }
    String dmi = (read(sys.resolve("class/dmi/id/sys_vendor")).strip() + " "
        + read(sys.resolve("class/dmi/id/product_name")).strip()).strip();
    String kind = env.virtualization();
    return (hypervisor ? "VM" + (kind.equals("vm") ? "" : " (" + kind + ")") : kind)
        + "; CPUID hypervisor bit " + (hypervisor ? "set" : "clear")
        + "; DMI " + (dmi.isEmpty() ? "unavailable" : "'" + dmi + "'");
  }

  private String kvmHost() {
    for (String module : List.of("kvm_intel", "kvm_amd")) {
      Path params = sys.resolve("module").resolve(module).resolve("parameters");
      if (Files.isDirectory(params)) {
        TreeMap<String, String> values = new TreeMap<>();
        try (Stream<Path> files = Files.list(params)) {
          files.forEach(f -> values.put(f.getFileName().toString(), read(f).strip()));
        } catch (IOException e) {
          // listed below as empty
        }
        return "yes, " + module + " loaded" + (Files.exists(Path.of("/dev/kvm")) ? ", /dev/kvm"
            + " present" : "") + "; parameters " + values;
      }
    }
    return "no (neither kvm_intel nor kvm_amd is loaded" + (Files.exists(Path.of("/dev/kvm"))
        ? "; /dev/kvm exists" : "; no /dev/kvm") + ")";
  }

  private String tracefsState() {
    var root = tracefs.root();
    if (root.isEmpty()) {
      return "not mounted (sudo mount -t tracefs nodev /sys/kernel/tracing)";
    }
    Path r = root.get();
    boolean readable = Files.isReadable(r.resolve("events"));
    return r + " mounted, " + (readable ? "readable" : "NOT readable by this user (sudo mount -o"
        + " remount,mode=755 " + r + ")");
  }

  /** How this JVM reads counter groups; a test JVM on another JDK chooses by its own. */
  private static String readPath() {
    try {
      LinuxPerfSyscalls sys = LinuxPerfSyscalls.load();
      return (sys.readPath() == ReadPath.FFM ? "FFM (" + sys.readPathReason() + ")"
          : "JNA (FFM not used: " + sys.readPathReason() + ")")
          + " in this JVM; a test JVM chooses by its own JDK (FFM from 22)";
    } catch (UnsupportedOperationException e) {
      return "none (" + e.getMessage() + ")";
    }
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
