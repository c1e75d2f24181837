package dev.countersign.perf;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventKind;
import dev.countersign.events.EventSpec;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.runner.ProbeFamily;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProvider;
import dev.countersign.runner.ProbeProviderFactory;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.settings.Settings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Provides hardware, cache, raw, software and tracepoint events through {@code perf_event_open}.
 *
 * <p>Counters follow the calling (test) thread with {@code inherit}, so threads and processes it
 * starts during an invocation are counted; threads named by {@link ProbeRequest#existingThreads()}
 * get their own counters (one per TID). Kernel activity is counted when the process may
 * ({@link PerfAccess#countsKernel()}); otherwise events are user-space only, and events that only
 * happen in the kernel (tracepoints, context switches, migrations) are reported {@code BLIND}
 * rather than as zeros. Every refused event is reported with its errno, meaning and remedy.
 *
 * <p>{@link #open} must be called on the thread that will run the workload (the runner does so):
 * the counters follow the thread that opened them, whichever thread later calls {@code begin}.
 */
public final class PerfEventProbeProvider implements ProbeProvider {

  private static final Set<EventKind> KINDS = EnumSet.of(EventKind.HARDWARE, EventKind.HW_CACHE,
      EventKind.RAW, EventKind.SOFTWARE, EventKind.TRACEPOINT);

  private final Supplier<PerfSyscalls> syscalls;
  private final Supplier<PerfAccess> access;
  private final EventEncoder encoder;
  private final ThreadSelector threads;
  private final boolean inherit;

  /** The provider for this machine: real syscalls, {@code /proc}, sysfs and tracefs. */
  public PerfEventProbeProvider() {
    this(LinuxPerfSyscalls::load, PerfAccess::current, new EventEncoder(), new ThreadSelector(),
        true);
  }

  /**
   * A provider reading counters through {@code path} rather than the one this JDK would choose,
   * to compare the two (benchmarks, tests).
   */
  public static PerfEventProbeProvider reading(ReadPath path) {
    return new PerfEventProbeProvider(() -> LinuxPerfSyscalls.load(path), PerfAccess::current,
        new EventEncoder(), new ThreadSelector(), true);
  }

  PerfEventProbeProvider(Supplier<PerfSyscalls> syscalls, Supplier<PerfAccess> access,
      EventEncoder encoder, ThreadSelector threads, boolean inherit) {
    this.syscalls = syscalls;
    this.access = access;
    this.encoder = encoder;
    this.threads = threads;
    this.inherit = inherit;
  }

  /** A provider like this one with {@code inherit} off: only the opening thread is counted. */
  PerfEventProbeProvider withoutInherit() {
    return new PerfEventProbeProvider(syscalls, access, encoder, threads, false);
  }

  /**
   * Whether this kernel accepts {@code inherit} together with {@code PERF_FORMAT_GROUP} (checked by
   * opening a disabled {@code task-clock}); empty when perf_event_open is unusable here.
   */
  Optional<Boolean> inheritWithGroupReads() {
    PerfSyscalls sys;
    try {
      sys = syscalls.get();
    } catch (UnsupportedOperationException | LinkageError e) {
      return Optional.empty();
    }
    CounterOpener opener = new CounterOpener(sys);
    PerfEventAttr taskClock = new PerfEventAttr(PerfEventAttr.TYPE_SOFTWARE,
        EventCatalog.SOFTWARE.indexOf("task-clock"), 0, 0, 0,
        PerfEventAttr.INHERIT | PerfEventAttr.DISABLED | PerfEventAttr.EXCLUDE_KERNEL);
    for (long format : new long[] {PerfEventGroup.GROUP_FORMAT, PerfEventGroup.SINGLE_FORMAT}) {
      int fd = opener.openOne(taskClock.withReadFormat(format), 0, -1);
      if (fd >= 0) {
        sys.close(fd);
        return Optional.of(format == PerfEventGroup.GROUP_FORMAT);
      }
    }
    return Optional.empty();
  }

  @Override
  public ProbeOffer open(List<EventSpec> events, ProbeRequest request) {
    List<EventSpec> mine = new ArrayList<>();
    Map<String, EventSpec> seen = new LinkedHashMap<>();
    for (EventSpec e : events) {
      if (KINDS.contains(e.kind()) && seen.putIfAbsent(e.qualifiedName(), e) == null) {
        mine.add(e);
      }
    }
    if (mine.isEmpty()) {
      return ProbeOffer.none();
    }
    PerfSyscalls sys;
    try {
      sys = syscalls.get();
    } catch (UnsupportedOperationException | LinkageError e) {
      return new ProbeOffer(Optional.empty(),
          mine.stream().map(s -> Diagnoses.unsupportedPlatform(s, e.getMessage())).toList());
    }
    PerfAccess acc = access.get();
    boolean kernel = acc.countsKernel();
    List<UnavailableMetric> unavailable = new ArrayList<>();
    List<EventSpec> slotSpecs = new ArrayList<>();
    List<PerfEventAttr> attrs = new ArrayList<>();
    List<String> filters = new ArrayList<>();
    for (EventSpec spec : mine) {
      if (!kernel && Diagnoses.blindWithoutKernel(spec)) {
        unavailable.add(Diagnoses.blind(spec, acc));
        continue;
      }
      try {
        attrs.add(encoder.encode(spec));
        slotSpecs.add(spec);
        filters.add(spec.filter().orElse(null));
      } catch (PerfUnavailableException e) {
        unavailable.add(Diagnoses.of(spec, e));
      }
    }
    if (slotSpecs.isEmpty()) {
      return new ProbeOffer(Optional.empty(), unavailable);
    }
    long flags = (inherit ? PerfEventAttr.INHERIT : 0)
        | (kernel ? 0 : PerfEventAttr.EXCLUDE_KERNEL | PerfEventAttr.EXCLUDE_HV);
    CounterOpener opener = new CounterOpener(sys);
    List<PerfEventGroup> groups = new ArrayList<>();
    try {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < slotSpecs.size(); i++) {
        all.add(i);
      }
      CounterOpener.Opened self = opener.open(attrs, filters, all, 0, flags);
      groups.addAll(self.groups());
      boolean[] dropped = new boolean[slotSpecs.size()];
      self.failures().forEach((slot, f) -> {
        dropped[slot] = true;
        EventSpec spec = slotSpecs.get(slot);
        unavailable.add(f.filter() ? Diagnoses.filterRejected(spec, f.errno())
            : Diagnoses.ofErrno(spec, f.errno(), acc));
      });
      List<Integer> opened = all.stream().filter(s -> !dropped[s]).toList();
      if (!opened.isEmpty()) {
        int me = ThreadSelector.currentTid();
        for (ThreadSelector.Task task : threads.select(request.existingThreads(), me)) {
          CounterOpener.Opened other = opener.open(attrs, filters, opened, task.tid(), flags);
          groups.addAll(other.groups());
          other.failures().forEach((slot, f) -> {
            if (f.errno() != Errno.ESRCH && !dropped[slot]) {
              dropped[slot] = true;
              UnavailableMetric d = Diagnoses.ofErrno(slotSpecs.get(slot), f.errno(), acc);
              unavailable.add(new UnavailableMetric(d.name(), d.source(), d.error(),
                  d.reason() + " (on existing thread " + task.tid() + " '" + task.comm() + "')",
                  d.remedy()));
            }
          });
        }
      }
      List<ProbedMetric> metrics = new ArrayList<>();
      int[] outputOf = new int[slotSpecs.size()];
      for (int s = 0; s < slotSpecs.size(); s++) {
        if (dropped[s]) {
          outputOf[s] = -1;
        } else {
          EventSpec spec = slotSpecs.get(s);
          outputOf[s] = metrics.size();
          metrics.add(new ProbedMetric(spec.qualifiedName(), Diagnoses.sourceOf(spec),
              spec.unit(), KernelCounting.of(kernel)));
        }
      }
      if (metrics.isEmpty()) {
        groups.forEach(PerfEventGroup::close);
        return new ProbeOffer(Optional.empty(), unavailable);
      }
      return new ProbeOffer(Optional.of(new PerfEventProbe(metrics, groups, outputOf)),
          unavailable);
    } catch (RuntimeException | Error e) {
      groups.forEach(PerfEventGroup::close);
      throw e;
    }
  }

  /** Found by {@link java.util.ServiceLoader}: the kernel through perf_event_open. */
  public static final class Factory implements ProbeProviderFactory {
    @Override
    public ProbeFamily family() {
      return ProbeFamily.PERF_EVENT;
    }

    @Override
    public ProbeProvider create(Settings settings) {
      return new PerfEventProbeProvider();
    }
  }
}
