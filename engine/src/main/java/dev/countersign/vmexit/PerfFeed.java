package dev.countersign.vmexit;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.UnavailableMetric;
import dev.countersign.results.VmExitFeed;
import dev.countersign.runner.Measurement;
import dev.countersign.sim.agent.GuestActivity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The perf feed: guest-side causes counted for real on the measured thread with tracepoints and
 * {@code task-clock} (names and filter fields as in {@code /sys/kernel/tracing/events/<sys>/<name>/
 * format} of Linux 6.x), assembled into one {@link GuestActivity} per invocation.
 *
 * <p>What per-thread counting can and cannot see:
 *
 * <ul>
 *   <li>timer arms: {@code msr:write_msr[msr == 0x6e0]}, the TSC-deadline writes done in the
 *       thread's context. Writes the idle task does on its behalf (NOHZ stopping and restarting
 *       the tick around the idle period) are not seen: a lower bound;
 *   <li>single-target IPIs: the larger of {@code ipi:ipi_send_cpu} — each an x2APIC ICR write on
 *       this guest (measured: equal to {@code msr:write_msr[msr == 0x830]}), TLB shootdowns of a
 *       2-vCPU guest included — and {@code sched:sched_waking}, the thread's wake-ups of blocked
 *       threads ({@code try_to_wake_up} traces it only once the state matched). The guest sends a
 *       wake-up IPI only when the wakee's CPU is idle, which on a loaded machine it seldom is (the
 *       wakee is queued behind other work): measured on the shared development VM, {@code
 *       ipi_send_cpu} of a park/unpark ping-pong moved between 0 and 0.36 per hand-off with the
 *       load. The idle-entry estimate below already takes every block to idle its vCPU (a host
 *       with a dedicated vCPU per thread); with that assumption each wake-up of a blocked thread
 *       is an IPI to a halted vCPU, as the simulator counts them: an upper bound consistent with
 *       HLT, independent of this machine's load;
 *   <li>multi-target IPIs, taken as TLB shootdowns: {@code ipi:ipi_send_cpumask}, each counted as
 *       one IPI per other CPU of this guest (an upper bound). {@code tlb:tlb_flush[reason == 4]}
 *       ({@code TLB_REMOTE_SEND_IPI}) is not used: it is traced before lazy and preempted CPUs are
 *       dropped from the mask, so it counts shootdowns that send no IPI;
 *   <li>idle entries: the thread's blocking switches, {@code sched:sched_switch[prev_state == 1 ||
 *       prev_state == 2]} — {@code power:cpu_idle} fires in the idle task, so it counts 0 per
 *       thread; a block is taken to idle the vCPU (a dedicated vCPU: an upper bound);
 *   <li>first touches: {@code exceptions:page_fault_user} (an upper bound, see {@link
 *       EptViolationRule});
 *   <li>run time: {@code task-clock};
 *   <li>not observable from the guest's tracepoints: PAUSE spins, virtio MMIO and PIO kicks,
 *       explicit hypercalls — the reasons that need them are reported unavailable.
 * </ul>
 */
public final class PerfFeed {

  static final String TIMER_ARMS = "msr:write_msr[msr == 0x6e0]";
  static final String IPI_CPU = "ipi:ipi_send_cpu";
  static final String IPI_MASK = "ipi:ipi_send_cpumask";
  static final String WAKINGS = "sched:sched_waking";
  static final String BLOCKS = "sched:sched_switch[prev_state == 1 || prev_state == 2]";
  static final String PAGE_FAULTS = "exceptions:page_fault_user";
  static final String RUN_TIME = "task-clock";

  private static final Map<Cause, List<String>> INPUTS = inputsByCause();

  /** The causes no guest tracepoint shows, with why. */
  static final Map<Cause, String> UNOBSERVABLE = Map.of(
      Cause.SPINS, "PAUSE spins leave no trace in perf counters or tracepoints (use mode sim)",
      Cause.MMIO_KICKS, "virtio MMIO notifies have no guest tracepoint",
      Cause.PIO_KICKS, "port I/O has no guest tracepoint",
      Cause.HYPERCALLS, "explicit hypercalls have no guest tracepoint");

  private final int guestCpus;

  /** A feed for this guest, whose CPUs a multi-target IPI can reach. */
  public PerfFeed() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** A feed for a guest with {@code guestCpus} CPUs. */
  public PerfFeed(int guestCpus) {
    this.guestCpus = guestCpus;
  }

  private static Map<Cause, List<String>> inputsByCause() {
    Map<Cause, List<String>> m = new EnumMap<>(Cause.class);
    m.put(Cause.TIMER_ARMS, List.of(TIMER_ARMS));
    m.put(Cause.IPIS, List.of(IPI_CPU, WAKINGS));
    m.put(Cause.TLB_SHOOTDOWNS, List.of(IPI_MASK));
    m.put(Cause.IDLE_ENTRIES, List.of(BLOCKS));
    m.put(Cause.PAGES_FIRST_TOUCHED, List.of(PAGE_FAULTS));
    m.put(Cause.RUN_TIME, List.of(RUN_TIME));
    return m;
  }

  /** The events to measure, parsed. */
  public List<EventSpec> inputs() {
    Map<String, EventSpec> events = new LinkedHashMap<>();
    for (List<String> names : INPUTS.values()) {
      for (String n : names) {
        EventSpec e = EventCatalog.parse(n);
        events.putIfAbsent(e.qualifiedName(), e);
      }
    }
    return List.copyOf(events.values());
  }

  /** Whether the measurement holds at least one of this feed's inputs. */
  public boolean hasAnyInput(Measurement m) {
    return inputs().stream().anyMatch(e -> m.metric(e.qualifiedName()).isPresent());
  }

  /** Assembles the activity of each invocation from the measured series. */
  public ObservedActivity observe(Measurement m) {
    int n = m.metrics().stream().mapToInt(s -> s.perOp().size()).max().orElse(0);
    Map<Cause, String> unobserved = new EnumMap<>(Cause.class);
    unobserved.putAll(UNOBSERVABLE);
    Map<String, double[]> totals = new LinkedHashMap<>();
    INPUTS.forEach((cause, names) -> {
      List<String> why = new ArrayList<>();
      for (String name : names) {
        String q = EventCatalog.parse(name).qualifiedName();
        Optional<MetricSeries> s = m.metric(q);
        if (s.isPresent() && s.get().perOp().size() == n) {
          totals.put(q, totalsPerInvocation(s.get(), m.opsPerInvocation()));
        } else {
          why.add(q + " " + unavailableReason(m, q));
        }
      }
      if (!why.isEmpty()) {
        unobserved.put(cause, String.join("; ", why));
      }
    });
    List<GuestActivity> activities = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long shootdowns = count(totals, IPI_MASK, i) * Math.max(0, guestCpus - 1);
      long ipis = Math.max(count(totals, IPI_CPU, i), count(totals, WAKINGS, i));
      activities.add(new GuestActivity(List.of(), count(totals, PAGE_FAULTS, i), ipis, shootdowns,
          count(totals, TIMER_ARMS, i), count(totals, BLOCKS, i), 0, 0, 0,
          value(totals, RUN_TIME, i)));
    }
    return new ObservedActivity(VmExitFeed.PERF, activities, unobserved);
  }

  private static double[] totalsPerInvocation(MetricSeries s, long ops) {
    double[] v = s.values();
    for (int i = 0; i < v.length; i++) {
      v[i] *= ops;
    }
    return v;
  }

  private static long count(Map<String, double[]> totals, String name, int i) {
    return Math.round(value(totals, name, i));
  }

  private static double value(Map<String, double[]> totals, String name, int i) {
    double[] v = totals.get(EventCatalog.parse(name).qualifiedName());
    // a missing input only feeds causes already marked unobserved
    return v == null ? 0 : v[i];
  }

  private static String unavailableReason(Measurement m, String name) {
    return m.unavailable().stream()
        .filter(u -> u.name().equals(name))
        .map(UnavailableMetric::describe)
        .findFirst()
        .map(d -> "is unavailable (" + d + ")")
        .orElse("was not measured");
  }
}
