package dev.countersign.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every metric name Countersign accepts, by perf's own spelling ({@code perf list}): generic
 * hardware and cache events, software events, raw PMU events, tracepoints {@code
 * subsystem:name[filter]}, the JVM metrics and the VM-exit metrics. Stateless.
 */
public final class EventCatalog {

  /**
   * Metrics a {@code @PerfTest} measures when it names none (read by the extension and by the
   * plugin's scan of compiled tests for {@code doctor}).
   */
  public static final List<String> DEFAULT_EVENTS =
      List.of("task-clock", "page-faults", "context-switches", "alloc-bytes");

  /**
   * Metrics a simulated {@code @PerfTest} (mode {@code sim}) measures when it names none: the
   * simulator's count of work in place of the kernel's CPU time, and no context switches, which
   * it does not model. All three are counted without the cache and predictor model ({@code
   * cycles} would switch it on, several times slower).
   */
  public static final List<String> DEFAULT_SIM_EVENTS =
      List.of("instructions", "page-faults", "alloc-bytes");

  /** {@link #DEFAULT_SIM_EVENTS} for a simulated test, {@link #DEFAULT_EVENTS} otherwise. */
  public static List<String> defaultEvents(boolean simulated) {
    return simulated ? DEFAULT_SIM_EVENTS : DEFAULT_EVENTS;
  }

  /** Generic hardware events, in PERF_COUNT_HW_* order (config 0..9). */
  public static final List<String> HARDWARE =
      List.of(
          "cycles",
          "instructions",
          "cache-references",
          "cache-misses",
          "branches",
          "branch-misses",
          "bus-cycles",
          "stalled-cycles-frontend",
          "stalled-cycles-backend",
          "ref-cycles");

  /** Software events, in PERF_COUNT_SW_* order (config 0..8). */
  public static final List<String> SOFTWARE =
      List.of(
          "cpu-clock",
          "task-clock",
          "page-faults",
          "context-switches",
          "cpu-migrations",
          "minor-faults",
          "major-faults",
          "alignment-faults",
          "emulation-faults");

  /** Cache ids in PERF_COUNT_HW_CACHE_* order (0..6), as perf spells them. */
  public static final List<String> CACHES =
      List.of("L1-dcache", "L1-icache", "LLC", "dTLB", "iTLB", "branch", "node");

  /** Operations in PERF_COUNT_HW_CACHE_OP_* order (0..2): singular for the miss form. */
  public static final List<String> CACHE_OPS = List.of("load", "store", "prefetch");

  /** JVM metrics. */
  public static final List<String> JVM = List.of("alloc-bytes", "gc-count", "gc-time");

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("cpu-cycles", "cycles"),
          Map.entry("branch-instructions", "branches"),
          Map.entry("faults", "page-faults"),
          Map.entry("cs", "context-switches"),
          Map.entry("migrations", "cpu-migrations"));

  private static final Pattern TRACEPOINT =
      Pattern.compile("([a-z0-9_]+):([a-zA-Z0-9_]+)(?:\\[(.+)])?");
  private static final Pattern RAW = Pattern.compile("r[0-9a-fA-F]{1,16}|cpu/[a-z0-9_=,x]+/");

  private static final Map<String, EventSpec> FIXED = fixed();

  private EventCatalog() {}

  private static Map<String, EventSpec> fixed() {
    Map<String, EventSpec> m = new LinkedHashMap<>();
    for (String h : HARDWARE) {
      m.put(h, new EventSpec(h, EventKind.HARDWARE, "count", Optional.empty()));
    }
    for (String name : cacheEventNames()) {
      m.put(name, new EventSpec(name, EventKind.HW_CACHE, "count", Optional.empty()));
    }
    for (String s : SOFTWARE) {
      String unit = s.endsWith("-clock") ? "ns" : "count";
      m.put(s, new EventSpec(s, EventKind.SOFTWARE, unit, Optional.empty()));
    }
    m.put("alloc-bytes", new EventSpec("alloc-bytes", EventKind.JVM, "bytes", Optional.empty()));
    m.put("gc-count", new EventSpec("gc-count", EventKind.JVM, "count", Optional.empty()));
    m.put("gc-time", new EventSpec("gc-time", EventKind.JVM, "ns", Optional.empty()));
    return Collections.unmodifiableMap(m);
  }

  /** All cache event names: {@code <cache>-<op>s} (accesses) and {@code <cache>-<op>-misses}. */
  public static List<String> cacheEventNames() {
    List<String> names = new ArrayList<>();
    for (String c : CACHES) {
      for (String op : CACHE_OPS) {
        names.add(c + "-" + (op.equals("prefetch") ? "prefetches" : op + "s"));
        names.add(c + "-" + op + "-misses");
      }
    }
    return names;
  }

  /**
   * Parses a metric name.
   *
   * @throws UnknownEventException when the name is none of the accepted forms; the message lists
   *     the valid names
   */
  public static EventSpec parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new UnknownEventException("an event name is empty. " + validNamesHint());
    }
    String name = raw.strip();
    String canonical = ALIASES.getOrDefault(name, name);
    EventSpec fixed = FIXED.get(canonical);
    if (fixed != null) {
      return fixed;
    }
    Matcher tp = TRACEPOINT.matcher(name);
    if (tp.matches()) {
      return new EventSpec(
          tp.group(1) + ":" + tp.group(2),
          EventKind.TRACEPOINT,
          "count",
          Optional.ofNullable(tp.group(3)).map(String::strip));
    }
    if (RAW.matcher(name).matches()) {
      return new EventSpec(name, EventKind.RAW, "count", Optional.empty());
    }
    if (VmExitMetric.hasSyntax(name)) {
      VmExitMetric vm = VmExitMetric.parse(name).orElseThrow(() -> new UnknownEventException(
          "unknown exit reason '" + name.substring(name.lastIndexOf('.') + 1) + "' in '" + name
              + "'; valid reasons: " + java.util.Arrays.toString(VmExitReason.values())));
      return new EventSpec(name, EventKind.VMEXIT, vm.unit(), Optional.empty());
    }
    throw new UnknownEventException(
        "unknown event '" + name + "'" + suggestion(name) + ". " + validNamesHint());
  }

  private static String suggestion(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : FIXED.keySet()) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 4)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The sentence listing what is valid, used in every unknown-event message. */
  public static String validNamesHint() {
    return "Valid events: hardware "
        + HARDWARE
        + "; software "
        + SOFTWARE
        + "; cache events <cache>-loads|-load-misses|-stores|-store-misses|-prefetches|-prefetch-misses"
        + " for caches "
        + CACHES
        + "; JVM "
        + JVM
        + "; raw PMU events rNNNN or cpu/event=0x..,umask=0x../; tracepoints subsystem:name with an"
        + " optional filter, e.g. msr:write_msr[msr == 0x830] (see 'perf list'); VM exits"
        + " vmexit.<host>.<REASON> and their estimated cost vmexit.<host>.overhead-ns";
  }
}
