package dev.countersign.workloads.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.events.EventCatalog;
import dev.countersign.events.EventSpec;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.SimRuntime;
import dev.countersign.workloads.bench.FidelityBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fidelity table of docs/simulator.md: every pair of the {@link Corpus} measured by the
 * simulator (in this JVM, which Surefire starts with prepare-agent's {@code -javaagent}:
 * {@code instructions} and {@code cycles} of one invocation after {@value #WARMUP} warm-up
 * invocations, default profile) and by JMH ({@link FidelityBenchmark} in forked JVMs without the
 * agent, JIT-warmed). Prints and writes a Markdown table ({@code
 * test-workloads/target/fidelity-figures.md}): per pair the real change and the simulated changes,
 * the share of pairs with a real change of at least 10% whose simulated {@code cycles} and {@code
 * instructions} change has the same sign, and Spearman's rank correlation of {@code cycles} with
 * the measured CPU time ({@link #PROFILER}) over every workload (both sides of every pair), for
 * the tuning set ({@link Corpus#pairs()}) and, in a file of its own that is not printed ({@code
 * target/fidelity-heldout.md}), for the held-out set ({@link Corpus#heldOut()}), and in {@code
 * target/fidelity-heldout2.md} for the second held-out set ({@link Corpus#secondHeldOut()}). On
 * demand:
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=FidelityFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.fidelityFigures=true \
 *     [-Dfidelity.jmh="-f 2 -wi 2 -w 1s -i 3 -r 1s"] [-Dfidelity.jmhResult=<an earlier run's
 *     target/fidelity-jmh.json>[,<another run's>...]]
 * </pre>
 *
 * With {@code fidelity.jmhResult} the real times are read from that file (the simulated side
 * changed, the code did not) instead of running JMH again; given several runs' files, each
 * benchmark's CPU time is the median over the runs that measured it (on this shared machine one
 * run's real change of a pair can flip sign in the next), and the table shows each run's real
 * change beside it; with {@code fidelity.simResult} the
 * simulated counts are read from an earlier run's {@code target/fidelity-sim.json} (every run
 * without it writes one); {@code fidelity.pairs} (names,
 * comma-separated) measures only those pairs, for a quick look.
 */
@EnabledIfSystemProperty(named = "countersign.fidelityFigures", matches = "true")
class FidelityFiguresTest {

  static final int WARMUP = 3;

  static final String JMH_DEFAULT = "-f 2 -wi 2 -w 1s -i 3 -r 1s";

  /**
   * The real time compared: CPU time of the benchmark thread per operation ({@code task-clock}
   * through Countersign's JMH profiler, perf_event_open), not JMH's wall time, which on a loaded
   * machine counts the time the thread waited for a CPU (load 12 to 30 on 2 cores here: wall-time
   * changes of unchanged-looking code of ±250%).
   */
  static final String PROFILER = "dev.countersign.jmh.CountersignProfiler:events=task-clock;mode=perf";

  static final String CPU_TIME = "countersign.task-clock";

  private static final List<EventSpec> EVENTS =
      List.of(EventCatalog.parse("instructions"), EventCatalog.parse("cycles"));

  /**
   * Instructions and cycles of the invocation after {@value #WARMUP} warm-up ones, and 1 when the
   * invocation before it counted the same instructions (else 0).
   */
  private static double[] simulate(LongSupplier op) {
    SimProbe probe = new SimProbe(EVENTS, CpuProfile.zen4Server());
    double[] values = new double[EVENTS.size()];
    double[] fractions = new double[EVENTS.size()];
    double previous = Double.NaN;
    try {
      for (int i = 0; i <= WARMUP; i++) {
        previous = values[0];
        probe.begin();
        op.getAsLong();
        probe.end(values, fractions);
      }
    } finally {
      probe.close();
    }
    return new double[] {values[0], values[1], previous == values[0] ? 1 : 0};
  }

  private static Map<String, double[]> jmh(List<FidelityPair> pairs, Path json) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // other developers' JMH runs on this shared machine hold /tmp/jmh.lock: the CPU time measured
    // here does not need the machine to itself
    cmd.add("-Djmh.ignoreLock=true");
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), "org.openjdk.jmh.Main",
        FidelityBenchmark.class.getName()));
    cmd.addAll(List.of(System.getProperty("fidelity.jmh", JMH_DEFAULT).split("\\s+")));
    cmd.addAll(List.of("-p", "pair=" + pairs.stream().map(FidelityPair::name)
        .collect(Collectors.joining(",")), "-prof", PROFILER, "-rf", "json", "-rff",
        json.toString()));
    Path log = json.resolveSibling("fidelity-jmh.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertEquals(0, p.waitFor(), "JMH failed: see " + log);
    return times(json);
  }

  /**
   * Per pair, the CPU time per operation (ns/op, {@value #CPU_TIME} of the profiler) of before
   * [0] and after [1] in a result file, and the wall time (JMH's score) [2], [3]; a file without
   * the profiler's result (written before it was used) gives the wall time for both.
   */
  /**
   * Per pair, as {@link #times(Path)}, the median over {@code runs} of each benchmark's times
   * (the runs that measured it; the mean of the middle two for an even number), and after the
   * four medians each run's before and after CPU time (NaN where a run did not measure the pair).
   */
  static Map<String, double[]> medianTimes(List<Path> runs) throws Exception {
    List<Map<String, double[]>> each = new ArrayList<>();
    for (Path run : runs) {
      each.add(times(run));
    }
    Map<String, double[]> ns = new LinkedHashMap<>();
    for (Map<String, double[]> run : each) {
      for (String pair : run.keySet()) {
        if (ns.containsKey(pair)) {
          continue;
        }
        double[] t = new double[4 + 2 * runs.size()];
        for (int k = 0; k < 4; k++) {
          int col = k;
          t[k] = median(each.stream().filter(r -> r.containsKey(pair))
              .mapToDouble(r -> r.get(pair)[col]).toArray());
        }
        for (int r = 0; r < each.size(); r++) {
          double[] own = each.get(r).get(pair);
          t[4 + 2 * r] = own == null ? Double.NaN : own[0];
          t[5 + 2 * r] = own == null ? Double.NaN : own[1];
        }
        ns.put(pair, t);
      }
    }
    return ns;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static Map<String, double[]> times(Path json) throws Exception {
    Map<String, double[]> ns = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      String pair = b.path("params").path("pair").asText();
      int side = b.path("params").path("side").asText().equals("before") ? 0 : 1;
      double wall = b.path("primaryMetric").path("score").asDouble();
      JsonNode cpu = b.path("secondaryMetrics").path(CPU_TIME).path("score");
      double[] t = ns.computeIfAbsent(pair, k -> new double[4]);
      t[side] = cpu.isNumber() ? cpu.asDouble() : wall;
      t[2 + side] = wall;
    }
    return ns;
  }

  private static String pct(double after, double before) {
    return String.format(Locale.ROOT, "%+.1f%%", (after / before - 1) * 100);
  }

  @Test
  void figures() throws Exception {
    assertTrue(SimRuntime.installed(), "run with prepare-agent's -javaagent (mvn verify)");
    List<String> only = List.of(System.getProperty("fidelity.pairs", "").split(","));
    List<FidelityPair> tuning = Corpus.pairs().stream()
        .filter(p -> only.equals(List.of("")) || only.contains(p.name())).toList();
    List<FidelityPair> heldOut = Corpus.heldOut().stream()
        .filter(p -> only.equals(List.of("")) || only.contains(p.name())).toList();
    List<FidelityPair> secondHeldOut = Corpus.secondHeldOut().stream()
        .filter(p -> only.equals(List.of("")) || only.contains(p.name())).toList();
    assertTrue(tuning.size() + heldOut.size() + secondHeldOut.size() > 0,
        "no pair called " + only);
    List<FidelityPair> all = new ArrayList<>(tuning);
    all.addAll(heldOut);
    all.addAll(secondHeldOut);
    Path target = Path.of("target");
    String earlierSim = System.getProperty("fidelity.simResult");
    Map<String, double[][]> sim = new LinkedHashMap<>();
    if (earlierSim != null) {
      JsonNode counts = new ObjectMapper().readTree(Path.of(earlierSim).toFile());
      for (FidelityPair pair : all) {
        sim.put(pair.name(), new ObjectMapper().treeToValue(counts.get(pair.name()),
            double[][].class));
      }
    } else {
      for (FidelityPair pair : all) {
        sim.put(pair.name(), new double[][] {simulate(pair.before().get()),
            simulate(pair.after().get())});
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(target.resolve("fidelity-sim.json").toFile(), sim);
    }
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String earlier = System.getProperty("fidelity.jmhResult");
    Map<String, double[]> ns = earlier != null
        ? medianTimes(java.util.Arrays.stream(earlier.split(",")).map(Path::of).toList())
        : jmh(all, target.resolve("fidelity-jmh.json").toAbsolutePath());
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    // a result read back was measured at another time: the load now says nothing about it
    String load = earlier != null
        ? "the load of that JMH run is not known to this one"
        : String.format(Locale.ROOT, "load average %.1f before JMH, %.1f after", load0, load1);
    String run = String.format(Locale.ROOT, "JMH %s, CPU time by -prof %s; %s; %s.",
        earlier != null ? (earlier.contains(",") ? "CPU times the median of the runs " : "times from ")
            + earlier : System.getProperty("fidelity.jmh", JMH_DEFAULT),
        PROFILER, load,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    String md = table("Tuning set", tuning, sim, ns, run);
    System.out.println(md);
    Files.writeString(target.resolve("fidelity-figures.md"), md, StandardCharsets.UTF_8);
    // not printed: the held-out figures are read once, after the model is tuned
    Files.writeString(target.resolve("fidelity-heldout.md"),
        table("Held-out set", heldOut, sim, ns, run), StandardCharsets.UTF_8);
    Files.writeString(target.resolve("fidelity-heldout2.md"),
        table("Second held-out set", secondHeldOut, sim, ns, run), StandardCharsets.UTF_8);
  }

  private static String table(String title, List<FidelityPair> pairs,
      Map<String, double[][]> sim, Map<String, double[]> ns, String run) {
    boolean runs = pairs.stream().anyMatch(p -> ns.get(p.name()).length > 4);
    StringBuilder md = new StringBuilder("| pair | change | CPU time before → after, ns | real"
        + " change | instructions | cycles | same sign (cycles / instructions) | wall time"
        + " change |" + (runs ? " real change in each run |" : "") + "\n|---|---|---|---|---|---|---|---|"
        + (runs ? "---|" : "") + "\n");
    List<Double> cycles = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    int judged = 0;
    int sameCycles = 0;
    int sameInstructions = 0;
    List<String> misses = new ArrayList<>();
    for (FidelityPair pair : pairs) {
      double[] t = ns.get(pair.name());
      double[][] s = sim.get(pair.name());
      double real = t[1] / t[0] - 1;
      String sign = "";
      if (Math.abs(real) >= 0.10) {
        judged++;
        boolean c = Math.signum(s[1][1] - s[0][1]) == Math.signum(real);
        boolean i = Math.signum(s[1][0] - s[0][0]) == Math.signum(real);
        sameCycles += c ? 1 : 0;
        sameInstructions += i ? 1 : 0;
        sign = (c ? "yes" : "**no**") + " / " + (i ? "yes" : "**no**");
        if (!c) {
          misses.add(pair.name());
        }
      }
      String repeatable = s[0][2] == 1 && s[1][2] == 1 ? "" : " (varies)";
      md.append(String.format(Locale.ROOT, "| %s | %s | %.0f → %.0f | %s | %s | %s%s | %s | %s |",
          pair.name(), pair.change().replace("|", "\\|"), t[0], t[1], pct(t[1], t[0]),
          pct(s[1][0], s[0][0]), pct(s[1][1], s[0][1]), repeatable, sign, pct(t[3], t[2])));
      if (runs) {
        List<String> each = new ArrayList<>();
        for (int r = 4; r + 1 < t.length; r += 2) {
          each.add(Double.isNaN(t[r]) ? "–" : pct(t[r + 1], t[r]));
        }
        md.append(' ').append(String.join(", ", each)).append(" |");
      }
      md.append('\n');
      for (int side = 0; side < 2; side++) {
        cycles.add(s[side][1]);
        times.add(t[side]);
      }
    }
    double rho = cycles.size() < 3 ? Double.NaN : new SpearmansCorrelation().correlation(
        cycles.stream().mapToDouble(d -> d).toArray(),
        times.stream().mapToDouble(d -> d).toArray());
    md.append(String.format(Locale.ROOT, "%n%s: %d pairs; %d with a real change of at least 10%%:"
            + " the simulated cycles change has the same sign in %d (%.0f%%), instructions in %d"
            + " (%.0f%%). Spearman rank correlation of cycles with the measured CPU time over all %d"
            + " workloads: %.3f. Misses (cycles): %s. %s%n",
        title, pairs.size(), judged, sameCycles, 100.0 * sameCycles / Math.max(1, judged),
        sameInstructions, 100.0 * sameInstructions / Math.max(1, judged), cycles.size(), rho,
        misses.isEmpty() ? "none" : String.join(", ", misses), run));
    return md.toString();
  }
}
