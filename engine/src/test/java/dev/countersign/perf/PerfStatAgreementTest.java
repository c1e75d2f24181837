package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine agrees with {@code perf stat} on the same workload: a child process that first-touches
 * 4000 pages and sleeps 40 times. The engine counts it through {@code inherit} (the child is
 * started by the measuring thread); {@code perf stat -x,} counts it from its exec. Both are run
 * five times and the medians compared.
 *
 * <p>Tolerance: the engine also counts what happens before the exec (the JDK's {@code
 * jspawnhelper} and the fork), which perf stat does not: measured on the development VM at
 * +60 page faults (4810 vs 4750) and +6 context switches (50 vs 44), timers equal (45). So page
 * faults must agree within 3% + 200, context switches and {@code timer:hrtimer_start} within
 * 20% + 10.
 */
class PerfStatAgreementTest {

  private static final String PERF = "/usr/bin/perf";
  private static final String PYTHON = "/usr/bin/python3";
  private static final List<String> EVENTS =
      List.of("page-faults", "context-switches", "timer:hrtimer_start", "msr:write_msr");
  private static final String SCRIPT = String.join("\n",
      "import mmap, time",
      "m = mmap.mmap(-1, 4096 * 4000)",
      "for i in range(0, 4096 * 4000, 4096):",
      "    m[i] = 1",
      "for _ in range(40):",
      "    time.sleep(0.001)");

  @Test
  void engineAgreesWithPerfStatOnTheSameChildProcess() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(PERF)), "perf is not installed at " + PERF);
    assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + " for the workload");
    assumeTrue(PerfAccess.current().countsKernel(), "kernel events need privilege here");
    List<String> workload = List.of(PYTHON, "-S", "-c", SCRIPT);
    run(workload); // the JDK's process reaper thread starts now, outside any measurement
    PerfEventProbeProvider provider = new PerfEventProbeProvider();
    int runs = 5;
    Map<String, double[]> engine = new HashMap<>();
    Map<String, double[]> perf = new HashMap<>();
    for (String e : EVENTS) {
      engine.put(e, new double[runs]);
      perf.put(e, new double[runs]);
    }
    for (int r = 0; r < runs; r++) {
      Measure.Outcome out = Measure.once(provider, EVENTS, () -> run(workload));
      Map<String, Double> stat = perfStat(workload);
      for (String e : EVENTS) {
        engine.get(e)[r] = out.value(e);
        perf.get(e)[r] = stat.get(e);
      }
    }
    StringBuilder report = new StringBuilder();
    for (String e : EVENTS) {
      report.append(e).append(": engine ").append(Arrays.toString(engine.get(e)))
          .append(" perf ").append(Arrays.toString(perf.get(e))).append('\n');
    }
    System.out.print(report);
    assertClose("page-faults", median(engine.get("page-faults")), median(perf.get("page-faults")),
        0.03, 200, report);
    assertTrue(median(perf.get("page-faults")) >= 4000, report::toString);
    assertClose("context-switches", median(engine.get("context-switches")),
        median(perf.get("context-switches")), 0.20, 10, report);
    assertClose("msr:write_msr", median(engine.get("msr:write_msr")),
        median(perf.get("msr:write_msr")), 0.20, 10, report);
    assertClose("timer:hrtimer_start", median(engine.get("timer:hrtimer_start")),
        median(perf.get("timer:hrtimer_start")), 0.20, 10, report);
  }

  private static void assertClose(String what, double engine, double perf, double relative,
      double absolute, StringBuilder report) {
    double allowed = relative * perf + absolute;
    assertTrue(Math.abs(engine - perf) <= allowed, () -> what + ": engine median " + engine
        + " vs perf stat median " + perf + " differ by more than " + allowed + "\n" + report);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertEquals(0, p.waitFor(), "workload failed: " + command);
  }

  /** Runs the workload under {@code perf stat -x,} and parses its CSV (value,unit,event,...). */
  private static Map<String, Double> perfStat(List<String> workload) throws Exception {
    Path out = Files.createTempFile("perf-stat", ".csv");
    try {
      List<String> cmd = new ArrayList<>(List.of(PERF, "stat", "-x,", "-o", out.toString(), "-e",
          String.join(",", EVENTS), "--"));
      cmd.addAll(workload);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertEquals(0, p.waitFor(), "perf stat failed");
      Map<String, Double> values = new HashMap<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        String[] f = line.split(",");
        if (f.length > 2 && EVENTS.contains(f[2])) {
          values.put(f[2], Double.parseDouble(f[0]));
        }
      }
      assertEquals(EVENTS.size(), values.size(), "perf stat output: " + Files.readString(out));
      return values;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
