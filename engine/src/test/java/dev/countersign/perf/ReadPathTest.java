package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.runner.Mode;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.jvm.JvmProbeProvider;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two ways counter groups are read — FFM (JDK 22+) and JNA — against each other and against
 * real counts, and the run-time choice between them. The FFM half runs where the JDK has it: in
 * CI's second pass of the extension's tests, on JDK 25.
 */
class ReadPathTest {

  private static final List<String> EVENTS =
      List.of("page-faults", "minor-faults", "task-clock", "context-switches");
  private static final int FEATURE = Runtime.version().feature();

  @BeforeEach
  void requirePerf() {
    PerfAvailability.assumeOpens(EVENTS.toArray(String[]::new));
  }

  @Test
  void ffmIsChosenFromJdk22AndJnaBefore() {
    LinuxPerfSyscalls chosen = LinuxPerfSyscalls.load();
    if (FEATURE >= 22) {
      assertEquals(ReadPath.FFM, chosen.readPath(), chosen.readPathReason());
      assertTrue(chosen.readPathReason().contains("JDK " + FEATURE), chosen.readPathReason());
    } else {
      assertEquals(ReadPath.JNA, chosen.readPath());
      String why = assertThrows(UnsupportedOperationException.class,
          () -> LinuxPerfSyscalls.load(ReadPath.FFM)).getMessage();
      assertTrue(why.contains("JDK " + FEATURE) && why.contains("from JDK 22"), why);
      assertEquals(why, chosen.readPathReason());
    }
    assertEquals(ReadPath.JNA, LinuxPerfSyscalls.load(ReadPath.JNA).readPath());
  }

  @Test
  void doctorSaysWhichPathThisJvmReadsThrough() {
    String line = Doctor.report(null).stream().filter(l -> l.contains("counter reads:"))
        .findFirst().orElseThrow();
    assertTrue(line.contains((FEATURE >= 22 ? "FFM" : "JNA") + " ("), line);
  }

  /** Reads of one enabled group by both paths, interleaved, see the same group and counts. */
  @Test
  void bothPathsReadTheSameCountsOfOneGroup() throws Exception {
    assumeTrue(FEATURE >= 22, "java.lang.foreign is final from JDK 22; this is " + FEATURE);
    LinuxPerfSyscalls jnaSys = LinuxPerfSyscalls.load(ReadPath.JNA);
    CounterOpener.Opened opened = openGroup(jnaSys);
    try {
      PerfEventGroup group = opened.groups().get(0);
      assertEquals(0, group.enable());
      int bytes = 8 * (3 + 2 * EVENTS.size());
      try (CounterReader jna = jnaSys.reader(group.leaderFd(), bytes);
          CounterReader ffm = LinuxPerfSyscalls.load(ReadPath.FFM)
              .reader(group.leaderFd(), bytes)) {
        long[] j0 = words(jna, bytes);
        long[] f0 = words(ffm, bytes);
        FreshPages.touch(2000);
        long[] f1 = words(ffm, bytes);
        long[] j1 = words(jna, bytes);
        assertEquals(EVENTS.size(), j0[0]);
        for (long[] w : List.of(f0, f1, j1)) {
          assertEquals(j0[0], w[0], "members");
          for (int i = 0; i < EVENTS.size(); i++) {
            assertEquals(j0[4 + 2 * i], w[4 + 2 * i], "kernel id of member " + i);
          }
        }
        // page-faults, read in the order j0 <= f0 < f1 <= j1 (back-to-back reads: at most a few
        // faults of the JVM's own between them), and 2000 first touches between f0 and f1
        int pf = 3;
        assertTrue(j0[pf] <= f0[pf] && f0[pf] <= j0[pf] + 20, j0[pf] + " then " + f0[pf]);
        assertTrue(f1[pf] - f0[pf] >= 2000, "ffm delta " + (f1[pf] - f0[pf]));
        assertTrue(f1[pf] <= j1[pf] && j1[pf] <= f1[pf] + 20, f1[pf] + " then " + j1[pf]);
        // task-clock (ns) and time_enabled only grow, in read order
        int tc = 3 + 2 * 2;
        assertTrue(j0[tc] <= f0[tc] && f0[tc] < f1[tc] && f1[tc] <= j1[tc], "task-clock order");
        assertTrue(j0[1] <= f0[1] && f0[1] < f1[1] && f1[1] <= j1[1], "time_enabled order");
      }
    } finally {
      opened.close();
    }
  }

  /** A refused read gives the same errno through both paths. */
  @Test
  void bothPathsReportTheKernelsErrno() throws Exception {
    for (ReadPath path : available()) {
      LinuxPerfSyscalls sys = LinuxPerfSyscalls.load(path);
      CounterOpener.Opened opened = openGroup(sys);
      int fd = opened.groups().get(0).leaderFd();
      assertEquals(0, opened.groups().get(0).enable());
      try (CounterReader small = sys.reader(fd, 16)) {
        // a buffer smaller than the group's read format
        assertEquals(-Errno.ENOSPC, small.read(), path + ": short buffer");
      } finally {
        opened.close();
      }
      // far beyond any fd table (a closed fd's number could be reused by another thread)
      try (CounterReader none = sys.reader(1 << 30, 64)) {
        assertEquals(-Errno.EBADF, none.read(), path + ": no such fd");
      }
    }
  }

  /** The probe over each path counts real first-touch faults, and the two paths agree. */
  @Test
  void probeOverEachPathCountsRealFaults() throws Exception {
    int pages = 3000;
    List<Double> faults = new ArrayList<>();
    for (ReadPath path : available()) {
      Measure.Outcome out = Measure.once(PerfEventProbeProvider.reading(path), EVENTS,
          () -> FreshPages.touch(pages));
      double pf = out.value("page-faults");
      assertTrue(pf >= pages && pf < pages + 200, path + ": " + out.values());
      assertTrue(out.value("task-clock") > 100_000, path + ": " + out.values());
      assertEquals(1.0, out.fractions().get("page-faults"), path + ": never multiplexed");
      faults.add(pf);
    }
    if (faults.size() == 2) {
      assertTrue(Math.abs(faults.get(0) - faults.get(1)) < 100, "FFM vs JNA " + faults);
    }
  }

  /** Once warm, begin()+end() allocates nothing, through either path. */
  @Test
  void readPathDoesNotAllocate() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 20_000;
    for (ReadPath path : available()) {
      ProbeOffer offer = PerfEventProbeProvider.reading(path).open(
          EVENTS.stream().map(EventCatalog::parse).toList(),
          new ProbeRequest(Mode.PERF, List.of()));
      try (Probe probe = offer.probe().orElseThrow()) {
        double[] v = new double[probe.metrics().size()];
        double[] f = new double[v.length];
        for (int i = 0; i < n; i++) {
          probe.begin();
          probe.end(v, f);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
          probe.begin();
          probe.end(v, f);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 1 B per invocation would be 20 kB; a boxed value or a segment per read, over 300 kB
        assertTrue(allocated < n / 10, path + ": " + allocated + " B over " + n + " invocations");
      }
    }
  }

  /**
   * In the runner — the probe's calls not inlined into one loop as in the test above — and with
   * the tracepoints of the VM-exit causes counted, an empty body's {@code alloc-bytes} is 0 in
   * (almost) every invocation through either path. Through FFM it was 80 B in every one while
   * the downcall handle was bound per reader instead of a constant (the linker's adapter slices
   * the errno capture segment per call, which only inlining lets the JIT remove).
   */
  @Test
  void probeInTheRunnerAllocatesNothing() throws Throwable {
    for (ReadPath path : available()) {
      RunPlan plan = new RunPlan(
          List.of("task-clock", "page-faults", "alloc-bytes").stream().map(EventCatalog::parse)
              .toList(),
          List.of(EventCatalog.parse("vmexit.intel-kvm-default.ANY")), 5, 2000, 1,
          new ProbeRequest(Mode.PERF, List.of()));
      Measurement m = new Runner(List.of(PerfEventProbeProvider.reading(path),
          new JvmProbeProvider()), ProbeProviders.derivers()).run(plan, () -> { });
      assertTrue(m.metric("sched:sched_switch[prev_state == 1 || prev_state == 2]").isPresent(),
          path + ": the VM-exit causes' tracepoints were counted: " + m.unavailable());
      double[] alloc = m.metric("alloc-bytes").orElseThrow().values();
      long allocating = Arrays.stream(alloc).filter(a -> a > 0).count();
      assertTrue(allocating * 100 < alloc.length, path + ": " + allocating + " of "
          + alloc.length + " invocations allocated, e.g. " + Arrays.stream(alloc)
              .filter(a -> a > 0).limit(5).boxed().toList());
    }
  }

  private static List<ReadPath> available() {
    return FEATURE >= 22 ? List.of(ReadPath.FFM, ReadPath.JNA) : List.of(ReadPath.JNA);
  }

  private static CounterOpener.Opened openGroup(PerfSyscalls sys)
      throws PerfUnavailableException {
    EventEncoder encoder = new EventEncoder();
    List<PerfEventAttr> attrs = new ArrayList<>();
    List<String> filters = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (String e : EVENTS) {
      attrs.add(encoder.encode(EventCatalog.parse(e)));
      filters.add(null);
      slots.add(slots.size());
    }
    CounterOpener.Opened opened = new CounterOpener(sys).open(attrs, filters, slots, 0,
        PerfEventAttr.INHERIT);
    assertEquals(1, opened.groups().size(), "one group: " + opened.failures());
    assertEquals(EVENTS.size(), opened.groups().get(0).size());
    return opened;
  }

  private static long[] words(CounterReader reader, int bytes) {
    long got = reader.read();
    assertEquals(bytes, got, "bytes read");
    long[] w = new long[bytes / 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = reader.word(i);
    }
    return w;
  }
}
