package dev.countersign.perf;

import dev.countersign.results.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.Source;
import dev.countersign.results.UnavailableMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardware and error paths this machine cannot produce, through a fake of the narrow syscall
 * interface only (encoding, grouping, scaling and diagnosis are the real code).
 */
class FakeKernelPathsTest {

  private static final PerfAccess ROOT = new PerfAccess(2, true, true);
  private static final PerfAccess USER_2 = new PerfAccess(2, false, false);

  @TempDir Path dir;
  private FakePerfSyscalls kernel;
  private EventEncoder encoder;
  private Path tasks;

  @BeforeEach
  void setUp() throws Exception {
    kernel = new FakePerfSyscalls();
    Path tracing = dir.resolve("tracing");
    Files.createDirectories(tracing.resolve("events/timer/hrtimer_start"));
    Files.writeString(tracing.resolve("events/timer/hrtimer_start/id"), "42\n");
    Files.createDirectories(tracing.resolve("events/msr/write_msr"));
    Files.writeString(tracing.resolve("events/msr/write_msr/id"), "77\n");
    encoder = new EventEncoder(new Tracefs(List.of(tracing)), dir.resolve("no-pmu"));
    tasks = Files.createDirectories(dir.resolve("task"));
  }

  private PerfEventProbeProvider provider(PerfAccess access) {
    return new PerfEventProbeProvider(() -> kernel, () -> access, encoder,
        new ThreadSelector(tasks), true);
  }

  private static UnavailableMetric why(Measure.Outcome out, String name) {
    UnavailableMetric u = out.unavailable().get(name);
    assertTrue(u != null, () -> name + " should be unavailable; got " + out);
    return u;
  }

  /** Adds {@code value} to every open counter of a type, with the given times, on each open. */
  private void advance(int type, long value, long enabled, long running) {
    for (FakePerfSyscalls.Counter c : kernel.counters.values()) {
      if (c.open && c.call.type() == type) {
        c.value += value;
        if (c.call.groupFd() == -1) {
          c.enabled += enabled;
          c.running += running;
        }
      }
    }
  }

  @Test
  void enoentHardwareIsUnavailableWithReasonAndSoftwareStillCounts() throws Exception {
    kernel.rule = c -> c.type() == PerfEventAttr.TYPE_HARDWARE
        || c.type() == PerfEventAttr.TYPE_HW_CACHE ? Errno.ENOENT : 0;
    Measure.Outcome out = Measure.once(provider(ROOT),
        List.of("cycles", "L1-dcache-load-misses", "page-faults"),
        () -> advance(PerfEventAttr.TYPE_SOFTWARE, 7, 10, 10));
    UnavailableMetric cycles = why(out, "cycles");
    assertEquals(ErrorCode.ENOENT, cycles.error());
    assertEquals(Source.PMU, cycles.source());
    assertTrue(cycles.reason().contains("VM without a virtual PMU"), cycles.reason());
    assertTrue(cycles.remedy().contains("-Dcountersign.mode=sim"), cycles.remedy());
    assertEquals(ErrorCode.ENOENT, why(out, "L1-dcache-load-misses").error());
    assertEquals(7.0, out.value("page-faults"));
    assertFalse(out.values().containsKey("cycles"), "a refused event is never a zero");
    // the cache event was encoded as L1D | READ << 8 | MISS << 16
    assertTrue(kernel.opens.stream().anyMatch(c -> c.type() == 3 && c.config() == 0x10000));
    assertEquals(0, kernel.openCount(), "every fd closed");
  }

  @Test
  void eaccesNamesTheParanoidLevelAndTheCommand() throws Exception {
    kernel.rule = c -> Errno.EACCES;
    Measure.Outcome out = Measure.once(provider(USER_2), List.of("instructions"), () -> { });
    UnavailableMetric u = why(out, "instructions");
    assertEquals(ErrorCode.EACCES, u.error());
    assertTrue(u.reason().contains("perf_event_paranoid 2"), u.reason());
    assertTrue(u.remedy().contains("sysctl -w kernel.perf_event_paranoid=1"), u.remedy());
    assertTrue(u.remedy().contains("CAP_PERFMON"), u.remedy());
  }

  @Test
  void paranoidThreeSaysItIsADistributionPatch() throws Exception {
    kernel.rule = c -> Errno.EACCES;
    Measure.Outcome out = Measure.once(provider(new PerfAccess(3, false, false)),
        List.of("page-faults"), () -> { });
    UnavailableMetric u = why(out, "page-faults");
    assertEquals(Source.KERNEL, u.source());
    assertTrue(u.reason().contains("perf_event_paranoid 3"), u.reason());
    assertTrue(u.remedy().contains("kernel.perf_event_paranoid=2"), u.remedy());
  }

  @Test
  void eopnotsuppAndEpermAreDiagnosed() throws Exception {
    kernel.rule = c -> c.config() == 0 ? Errno.EOPNOTSUPP : Errno.EPERM;
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("cycles", "instructions"),
        () -> { });
    assertEquals(ErrorCode.EOPNOTSUPP, why(out, "cycles").error());
    assertTrue(why(out, "cycles").reason().contains("hardware lacks a feature"));
    assertEquals(ErrorCode.EPERM, why(out, "instructions").error());
  }

  @Test
  void e2bigIsRetriedWithTheSizeTheKernelWroteBack() throws Exception {
    kernel.e2bigSize = 112;
    kernel.rule = c -> c.size() == PerfEventAttr.SIZE ? Errno.E2BIG : 0;
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("page-faults"),
        () -> advance(PerfEventAttr.TYPE_SOFTWARE, 3, 5, 5));
    assertEquals(3.0, out.value("page-faults"));
    assertEquals(List.of(128, 112), kernel.opens.stream().map(c -> c.size()).toList());
  }

  @Test
  void e2bigWithAnImpossibleSizeIsReported() throws Exception {
    kernel.e2bigSize = 32;
    kernel.rule = c -> Errno.E2BIG;
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("page-faults"), () -> { });
    assertEquals(ErrorCode.E2BIG, why(out, "page-faults").error());
    assertEquals(1, kernel.opens.size(), "no retry with a size below PERF_ATTR_SIZE_VER0");
  }

  @Test
  void multiplexedGroupIsScaledAndFractionRecorded() throws Exception {
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("cycles", "instructions"),
        () -> advance(PerfEventAttr.TYPE_HARDWARE, 100, 1000, 250));
    assertEquals(400.0, out.value("cycles"), 1e-9);
    assertEquals(400.0, out.value("instructions"), 1e-9);
    assertEquals(0.25, out.fractions().get("cycles"), 1e-12);
    assertEquals(1, kernel.leaders().size(), "both in one group");
    FakePerfSyscalls.OpenCall leader = kernel.leaders().get(0).call;
    assertEquals(PerfEventGroup.GROUP_FORMAT, leader.readFormat());
    assertTrue(leader.has(PerfEventAttr.DISABLED) && leader.has(PerfEventAttr.INHERIT));
    assertTrue(kernel.ioctls.contains("2400/1@" + kernel.leaders().get(0).fd),
        "enabled with PERF_IOC_FLAG_GROUP: " + kernel.ioctls);
  }

  @Test
  void successiveInvocationsAreDeltasAndNeverScheduledIsNotCounted() throws Exception {
    var offer = provider(ROOT).open(List.of(dev.countersign.events.EventCatalog.parse("cycles")),
        new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF, List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      double[] v = new double[1];
      double[] f = new double[1];
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 500, 100, 100);
      probe.end(v, f);
      assertEquals(500.0, v[0]);
      assertEquals(1.0, f[0]);
      // counted between invocations (the runner's own work): outside both reads, so left out
      advance(PerfEventAttr.TYPE_HARDWARE, 999, 50, 50);
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 60, 100, 50);
      probe.end(v, f);
      assertEquals(120.0, v[0], 1e-9, "only this invocation's 60, scaled by 100/50");
      assertEquals(0.5, f[0], 1e-12);
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 0, 100, 0);
      probe.end(v, f);
      assertTrue(Double.isNaN(v[0]), "enabled but never running is not counted, not zero");
    }
    assertEquals(0, kernel.openCount());
    assertFalse(kernel.ioctls.stream().anyMatch(s -> s.startsWith("2403")), "never RESET");
    assertEquals(List.of("2400/1@100", "2401/1@100"), kernel.ioctls,
        "enabled once at the first begin, disabled at close, whole group each time");
  }

  @Test
  void aFailedReadGivesNotCountedNeverAStaleDelta() throws Exception {
    var offer = provider(ROOT).open(List.of(dev.countersign.events.EventCatalog.parse("cycles")),
        new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF, List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      double[] v = new double[1];
      double[] f = new double[1];
      FakePerfSyscalls.Counter leader = kernel.leaders().get(0);
      leader.open = false; // reads now fail with EBADF
      probe.begin();
      leader.open = true;
      advance(PerfEventAttr.TYPE_HARDWARE, 10, 10, 10);
      probe.end(v, f);
      assertTrue(Double.isNaN(v[0]), "start unknown: not counted");
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 7, 10, 10);
      probe.end(v, f);
      assertEquals(7.0, v[0], "recovers at the next invocation");
    }
  }

  @Test
  void groupReadsRefusedWhileAStartedThreadExitsAreRetriedAndLoseNothing() throws Exception {
    var offer = provider(ROOT).open(List.of(dev.countersign.events.EventCatalog.parse("cycles"),
        dev.countersign.events.EventCatalog.parse("instructions")),
        new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF, List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      double[] v = new double[2];
      double[] f = new double[2];
      kernel.echildReads = 3; // the begin() read meets a thread's teardown
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 11, 100, 50);
      kernel.echildReads = 5; // and so does the end() read
      probe.end(v, f);
      assertEquals(8, kernel.echildRefused);
      assertEquals(22.0, v[0], "retried, then scaled as any read: 11 x 100/50");
      assertEquals(22.0, v[1]);
      assertEquals(0.5, f[0]);
    }
  }

  @Test
  void aGroupReadRefusedWithEchildForGoodIsNotCountedAndRecovers() throws Exception {
    var offer = provider(ROOT).open(List.of(dev.countersign.events.EventCatalog.parse("cycles")),
        new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF, List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      double[] v = new double[1];
      double[] f = new double[1];
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 4, 10, 10);
      kernel.echildReads = Long.MAX_VALUE;
      long start = System.nanoTime();
      probe.end(v, f);
      long waited = System.nanoTime() - start;
      assertTrue(Double.isNaN(v[0]), "a mismatch that does not end is not counted, not zero");
      assertTrue(waited >= PerfEventGroup.ECHILD_RETRY_NANOS, "gave up after " + waited + " ns");
      kernel.echildReads = 0;
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 7, 10, 10);
      probe.end(v, f);
      assertEquals(7.0, v[0], "recovers at the next invocation");
    }
  }

  @Test
  void aGroupWhoseMembersChangedIsNotCountedRatherThanMisattributed() throws Exception {
    var offer = provider(ROOT).open(List.of(dev.countersign.events.EventCatalog.parse("cycles"),
        dev.countersign.events.EventCatalog.parse("instructions")),
        new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF, List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      double[] v = new double[2];
      double[] f = new double[2];
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 5, 1, 1);
      probe.end(v, f);
      assertEquals(5.0, v[1]);
      kernel.leaders().get(0).members.get(0).open = false; // the kernel dropped a member
      probe.begin();
      advance(PerfEventAttr.TYPE_HARDWARE, 5, 1, 1);
      probe.end(v, f);
      assertTrue(Double.isNaN(v[0]) && Double.isNaN(v[1]), java.util.Arrays.toString(v));
    }
  }

  @Test
  void hugeCountsScaleWithoutOverflow() throws Exception {
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("cycles"),
        () -> advance(PerfEventAttr.TYPE_HARDWARE, Long.MAX_VALUE / 4, 3_000_000_000L,
            1_000_000_000L));
    assertEquals(3.0 * (Long.MAX_VALUE / 4), out.value("cycles"), 1e6);
  }

  @Test
  void eventsBeyondTheCountersAreSplitAcrossGroups() throws Exception {
    // a PMU with room for 2 events per group: validate_group refuses the third with EINVAL
    kernel.rule = c -> c.groupFd() != -1 && kernel.counters.get(c.groupFd()).members.size() >= 1
        ? Errno.EINVAL : 0;
    List<String> names = List.of("cycles", "instructions", "branches", "branch-misses",
        "cache-misses");
    var offer = provider(ROOT).open(names.stream().map(dev.countersign.events.EventCatalog::parse)
        .toList(), new dev.countersign.runner.ProbeRequest(dev.countersign.runner.Mode.PERF,
            List.of()));
    try (var probe = offer.probe().orElseThrow()) {
      assertEquals(3, kernel.leaders().size(), "groups of 2, 2, 1");
      probe.begin();
      for (FakePerfSyscalls.Counter c : kernel.counters.values()) {
        if (c.open) {
          c.value = 1000 + c.call.config();
          if (c.call.groupFd() == -1) {
            c.enabled = 10;
            c.running = 10;
          }
        }
      }
      double[] v = new double[5];
      double[] f = new double[5];
      probe.end(v, f);
      // each metric got its own counter's value: config 0,1,4,5,3 in the order asked
      assertEquals(List.of(1000.0, 1001.0, 1004.0, 1005.0, 1003.0),
          java.util.Arrays.stream(v).boxed().toList());
    }
    assertEquals(0, kernel.openCount());
  }

  @Test
  void enospcFromAMemberAlsoStartsANewGroup() throws Exception {
    kernel.rule = c -> c.groupFd() != -1 ? Errno.ENOSPC : 0;
    Measure.Outcome out = Measure.once(provider(ROOT), List.of("cycles", "instructions"),
        () -> advance(PerfEventAttr.TYPE_HARDWARE, 9, 1, 1));
    assertEquals(2, kernel.leaders().size());
    assertEquals(9.0, out.value("instructions"));
  }

  @Test
  void kernelRefusingInheritWithGroupReadsFallsBackToSingleCounters() throws Exception {
    kernel.rule = c -> c.has(PerfEventAttr.INHERIT)
        && (c.readFormat() & PerfEventAttr.FORMAT_GROUP) != 0 ? Errno.EINVAL : 0;
    Measure.Outcome out = Measure.once(provider(ROOT),
        List.of("page-faults", "task-clock", "context-switches"),
        () -> {
          int i = 0;
          for (FakePerfSyscalls.Counter c : kernel.counters.values()) {
            if (c.open) {
              c.value = ++i * 10;
              c.enabled = 4;
              c.running = 2;
            }
          }
        });
    // counts 10, 20, 30 each running half its enabled time: scaled by 2
    assertEquals(20.0, out.value("page-faults"));
    assertEquals(40.0, out.value("task-clock"));
    assertEquals(60.0, out.value("context-switches"));
    assertEquals(0.5, out.fractions().get("task-clock"));
    assertEquals(3, kernel.leaders().stream().filter(c -> c.call.readFormat()
        == PerfEventGroup.SINGLE_FORMAT).count());
    assertEquals(java.util.Optional.of(false), provider(ROOT).inheritWithGroupReads());
    assertEquals(0, kernel.openCount());
  }

  @Test
  void unprivilegedAtParanoidTwoExcludesKernelAndReportsKernelOnlyEventsBlind() throws Exception {
    Measure.Outcome out = Measure.once(provider(USER_2),
        List.of("page-faults", "context-switches", "timer:hrtimer_start"),
        () -> advance(PerfEventAttr.TYPE_SOFTWARE, 1, 1, 1));
    assertEquals(ErrorCode.BLIND, why(out, "timer:hrtimer_start").error());
    assertEquals(Source.TRACEPOINT, why(out, "timer:hrtimer_start").source());
    assertEquals(ErrorCode.BLIND, why(out, "context-switches").error());
    assertTrue(why(out, "context-switches").remedy().contains("perf_event_paranoid=1"));
    assertEquals(1.0, out.value("page-faults"));
    assertEquals(1, kernel.opens.size(), "blind events are not opened");
    assertTrue(kernel.opens.get(0).has(PerfEventAttr.EXCLUDE_KERNEL));
  }

  @Test
  void privilegedCountsKernelAndTracepointsWithFilter() throws Exception {
    Measure.Outcome out = Measure.once(provider(ROOT),
        List.of("timer:hrtimer_start", "msr:write_msr[msr == 0x830]"),
        () -> advance(PerfEventAttr.TYPE_TRACEPOINT, 2, 1, 1));
    assertEquals(2.0, out.value("timer:hrtimer_start"));
    assertEquals(2.0, out.value("msr:write_msr[msr == 0x830]"));
    assertEquals(List.of(42L, 77L), kernel.opens.stream().map(c -> c.config()).toList());
    assertFalse(kernel.opens.get(0).has(PerfEventAttr.EXCLUDE_KERNEL));
    assertEquals("msr == 0x830", kernel.counters.values().stream()
        .filter(c -> c.call.config() == 77).findFirst().orElseThrow().filter);
  }

  @Test
  void rejectedFilterAndMissingTracepointAreDiagnosed() throws Exception {
    kernel.filterErrno = Errno.EINVAL;
    Measure.Outcome out = Measure.once(provider(ROOT),
        List.of("msr:write_msr[nosuchfield == 1]", "nosuch:event", "page-faults"), () -> { });
    UnavailableMetric filter = why(out, "msr:write_msr[nosuchfield == 1]");
    assertEquals(ErrorCode.EINVAL, filter.error());
    assertTrue(filter.reason().contains("nosuchfield == 1"), filter.reason());
    UnavailableMetric missing = why(out, "nosuch:event");
    assertEquals(ErrorCode.ENOENT, missing.error());
    assertTrue(missing.reason().contains("no tracepoint nosuch:event"), missing.reason());
    assertEquals(0.0, out.value("page-faults"));
    assertEquals(0, kernel.openCount());
  }

  @Test
  void tracefsNotMountedSaysHowToMountIt() throws Exception {
    EventEncoder bare = new EventEncoder(new Tracefs(List.of(dir.resolve("absent"))), dir);
    var p = new PerfEventProbeProvider(() -> kernel, () -> ROOT, bare, new ThreadSelector(tasks),
        true);
    Measure.Outcome out = Measure.once(p, List.of("timer:hrtimer_start"), () -> { });
    assertTrue(why(out, "timer:hrtimer_start").remedy().contains("mount -t tracefs"));
  }

  @Test
  void rawEventsEncodeThroughSysfsFormat() throws Exception {
    Path cpu = Files.createDirectories(dir.resolve("pmu/cpu/format"));
    Files.writeString(cpu.getParent().resolve("type"), "4\n");
    Files.writeString(cpu.resolve("event"), "config:0-7\n");
    Files.writeString(cpu.resolve("umask"), "config:8-15\n");
    Files.writeString(cpu.resolve("cmask"), "config:24-31\n");
    EventEncoder withPmu = new EventEncoder(new Tracefs(List.of(dir)), dir.resolve("pmu"));
    assertEquals(0x01c2L, withPmu.encode(dev.countersign.events.EventCatalog.parse(
        "cpu/event=0xc2,umask=0x01/")).config());
    assertEquals(0x030001c2L, withPmu.encode(dev.countersign.events.EventCatalog.parse(
        "cpu/event=0xc2,umask=0x1,cmask=3/")).config());
    assertEquals(0x01c2L, withPmu.encode(dev.countersign.events.EventCatalog.parse("r01c2"))
        .config());
    PerfUnavailableException tooBig = assertThrows(PerfUnavailableException.class,
        () -> withPmu.encode(dev.countersign.events.EventCatalog.parse("cpu/event=0x1c2/")));
    assertEquals(ErrorCode.EINVAL, tooBig.error());
    PerfUnavailableException noPmu = assertThrows(PerfUnavailableException.class,
        () -> encoder.encode(dev.countersign.events.EventCatalog.parse("cpu/event=0xc2/")));
    assertEquals(ErrorCode.ENOENT, noPmu.error());
  }

  @Test
  void failureWhileOpeningClosesWhatWasOpened() {
    kernel.rule = c -> {
      if (kernel.opens.size() == 3) {
        throw new IllegalStateException("simulated binding failure");
      }
      return 0;
    };
    assertThrows(IllegalStateException.class, () -> Measure.once(provider(ROOT),
        List.of("page-faults", "task-clock", "cycles"), () -> { }));
    assertEquals(2, kernel.counters.size());
    assertEquals(0, kernel.openCount());
  }

  @Test
  void existingThreadsGetTheirOwnCountersSummedIntoTheMetric() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pool-worker-with-a-long-name-1");
    worker.start();
    try {
      Files.createDirectories(tasks.resolve("4242"));
      Files.writeString(tasks.resolve("4242/comm"), ThreadSelector.comm(worker.getName()) + "\n");
      Files.createDirectories(tasks.resolve("4243"));
      Files.writeString(tasks.resolve("4243/comm"), "unrelated\n");
      Measure.Outcome out = Measure.once(provider(ROOT), List.of("page-faults"),
          List.of(Pattern.compile("pool-worker-.*")), () -> {
            for (FakePerfSyscalls.Counter c : kernel.counters.values()) {
              c.value += c.call.pid() == 4242 ? 5 : 10;
              c.enabled += 1;
              c.running += 1;
            }
          });
      assertEquals(15.0, out.value("page-faults"));
      assertEquals(List.of(0, 4242), kernel.opens.stream().map(c -> c.pid()).toList());
    } finally {
      done.countDown();
      worker.join();
    }
  }
}
