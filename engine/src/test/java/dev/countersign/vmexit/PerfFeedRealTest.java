package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.perf.PerfEventProbeProvider;
import dev.countersign.results.MetricSeries;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Probe;
import dev.countersign.runner.ProbeOffer;
import dev.countersign.runner.ProbeProviders;
import dev.countersign.runner.ProbeRequest;
import dev.countersign.runner.ProbedMetric;
import dev.countersign.runner.Mode;
import dev.countersign.runner.RunPlan;
import dev.countersign.runner.Runner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perf feed measured for real: runs only where the perf engine can count tracepoints (as root
 * with tracefs mounted, once the engine is merged) and {@code perf} is installed.
 */
class PerfFeedRealTest {

  private static final int SLEEPS = 1_000;
  private static final long SLEEP_NS = 50_000;
  private static final String TIMER = "msr:write_msr[msr == 0x6e0]";

  @TempDir Path dir;

  private static boolean tracepointsMeasurable() {
    EventSpec timer = EventCatalog.parse(TIMER);
    ProbeOffer offer = new PerfEventProbeProvider().open(List.of(timer),
        new ProbeRequest(Mode.PERF, List.of()));
    try {
      return offer.probe().map(p -> p.metrics().stream().map(ProbedMetric::name)
          .anyMatch(TIMER::equals)).orElse(false);
    } finally {
      offer.probe().ifPresent(Probe::close);
    }
  }

  private static boolean perfInstalled() {
    try {
      return new ProcessBuilder("perf", "--version").redirectErrorStream(true).start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void sleepsShowAsTscDeadlineWritesMatchingPerfStat(TestReporter report) throws Throwable {
    assumeTrue(tracepointsMeasurable(), "the perf engine cannot count tracepoints here");
    assumeTrue(perfInstalled(), "perf is not installed");
    String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    Path ctl = dir.resolve("ctl");
    Path ack = dir.resolve("ack");
    Path out = dir.resolve("perf-stat.csv");
    for (Path fifo : List.of(ctl, ack)) {
      assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    }
    // perf stat on this thread, started disabled and switched on around the sleeps
    Process perf = new ProcessBuilder("perf", "stat", "-x,", "-o", out.toString(),
        "-e", "msr:write_msr", "--filter", "msr == 0x6e0", "-t", tid, "--delay=-1",
        "--control", "fifo:" + ctl + "," + ack)
        .redirectErrorStream(true).redirectOutput(dir.resolve("perf.log").toFile()).start();
    Measurement m;
    try {
      OutputStream commands = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> Files.newOutputStream(ctl), () -> "perf stat did not start: " + log());
      BufferedReader acks = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> Files.newBufferedReader(ack), () -> "perf stat did not start: " + log());
      RunPlan plan = new RunPlan(List.of(EventCatalog.parse(TIMER)),
          List.of(EventCatalog.parse("vmexit.intel-kvm-default.MSR_WRITE")), 0, 1, SLEEPS,
          new ProbeRequest(Mode.PERF, List.of()));
      // perf stat's window lies just inside the measured invocation
      m = new Runner(ProbeProviders.chain(Mode.PERF), List.of(new VmExitDeriver()))
          .run(plan, () -> {
            command(commands, acks, "enable");
            for (int i = 0; i < SLEEPS; i++) {
              LockSupport.parkNanos(SLEEP_NS);
            }
            command(commands, acks, "disable");
          });
      commands.close();
      acks.close();
    } finally {
      new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
      perf.waitFor(20, TimeUnit.SECONDS);
      perf.destroyForcibly();
    }
    double ours = m.metric(TIMER).map(MetricSeries::values).orElseThrow()[0] * SLEEPS;
    double perfStat = perfStatCount(out);
    // a sleep arms the TSC deadline in the thread's own context whenever its timer becomes the
    // earliest on the CPU — nearly always for a 50 µs sleep (the tick is 4 ms away at HZ 250)
    assertTrue(ours >= 0.9 * SLEEPS, "TSC-deadline writes for " + SLEEPS + " sleeps: " + ours);
    assertEquals(perfStat, ours, Math.max(10, 0.02 * perfStat),
        "perf stat counted " + perfStat + " on thread " + tid + ", Countersign " + ours);
    report.publishEntry("tsc-deadline-writes", "countersign " + ours + ", perf stat " + perfStat
        + ", for " + SLEEPS + " sleeps");
    double modelled = m.metric("vmexit.intel-kvm-default.MSR_WRITE").orElseThrow().values()[0];
    assertTrue(modelled * SLEEPS >= ours, "MSR_WRITE exits include every TSC-deadline write");
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("perf.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void command(OutputStream commands, BufferedReader acks, String command)
      throws IOException {
    commands.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
    commands.flush();
    String line = acks.readLine();
    assertTrue(line != null && line.contains("ack"), "perf stat did not acknowledge " + command);
  }

  private static double perfStatCount(Path csv) throws IOException {
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (f.length > 2 && f[2].startsWith("msr:write_msr")) {
        return Double.parseDouble(f[0]);
      }
    }
    throw new AssertionError("no msr:write_msr line in perf stat output:\n"
        + Files.readString(csv));
  }
}
