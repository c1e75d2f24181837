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
 * the measured time over every workload (both sides of every pair), for the tuning set ({@link
 * Corpus#pairs()}) and, in a file of its own that is not printed ({@code
 * target/fidelity-heldout.md}), for the held-out set ({@link Corpus#heldOut()}). On demand:
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=FidelityFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.fidelityFigures=true \
 *     [-Dfidelity.jmh="-f 2 -wi 2 -w 1s -i 3 -r 1s"] [-Dfidelity.jmhResult=<an earlier run's
 *     target/fidelity-jmh.json>]
 * </pre>
 *
 * With {@code fidelity.jmhResult} the real times are read from that file (the simulated side
 * changed, the code did not) instead of running JMH again.
 */
@EnabledIfSystemProperty(named = "countersign.fidelityFigures", matches = "true")
class FidelityFiguresTest {

  static final int WARMUP = 3;

  static final String JMH_DEFAULT = "-f 2 -wi 2 -w 1s -i 3 -r 1s";

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
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), "org.openjdk.jmh.Main",
        FidelityBenchmark.class.getName()));
    cmd.addAll(List.of(System.getProperty("fidelity.jmh", JMH_DEFAULT).split("\\s+")));
    cmd.addAll(List.of("-p", "pair=" + pairs.stream().map(FidelityPair::name)
        .collect(Collectors.joining(",")), "-rf", "json", "-rff", json.toString()));
    Path log = json.resolveSibling("fidelity-jmh.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertEquals(0, p.waitFor(), "JMH failed: see " + log);
    return times(json);
  }

  /** Per pair, the JMH scores (ns/op) of before and after in a result file. */
  private static Map<String, double[]> times(Path json) throws Exception {
    Map<String, double[]> ns = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      String pair = b.path("params").path("pair").asText();
      int side = b.path("params").path("side").asText().equals("before") ? 0 : 1;
      ns.computeIfAbsent(pair, k -> new double[2])[side] =
          b.path("primaryMetric").path("score").asDouble();
    }
    return ns;
  }

  private static String pct(double after, double before) {
    return String.format(Locale.ROOT, "%+.1f%%", (after / before - 1) * 100);
  }

  @Test
  void figures() throws Exception {
    assertTrue(SimRuntime.installed(), "run with prepare-agent's -javaagent (mvn verify)");
    List<FidelityPair> tuning = Corpus.pairs();
    List<FidelityPair> heldOut = Corpus.heldOut();
    assertTrue(tuning.size() >= 30, "the corpus has " + tuning.size() + " pairs");
    List<FidelityPair> all = new ArrayList<>(tuning);
    all.addAll(heldOut);
    Map<String, double[][]> sim = new LinkedHashMap<>();
    for (FidelityPair pair : all) {
      sim.put(pair.name(), new double[][] {simulate(pair.before().get()),
          simulate(pair.after().get())});
    }
    Path target = Path.of("target");
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String earlier = System.getProperty("fidelity.jmhResult");
    Map<String, double[]> ns = earlier != null ? times(Path.of(earlier))
        : jmh(all, target.resolve("fidelity-jmh.json").toAbsolutePath());
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String run = String.format(Locale.ROOT, "JMH %s; load average %.1f before JMH, %.1f after; %s.",
        earlier != null ? "times from " + earlier : System.getProperty("fidelity.jmh", JMH_DEFAULT),
        load0, load1,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    String md = table("Tuning set", tuning, sim, ns, run);
    System.out.println(md);
    Files.writeString(target.resolve("fidelity-figures.md"), md, StandardCharsets.UTF_8);
    // not printed: the held-out figures are read once, after the model is tuned
    Files.writeString(target.resolve("fidelity-heldout.md"),
        table("Held-out set", heldOut, sim, ns, run), StandardCharsets.UTF_8);
  }

  private static String table(String title, List<FidelityPair> pairs,
      Map<String, double[][]> sim, Map<String, double[]> ns, String run) {
    StringBuilder md = new StringBuilder("| pair | change | time before → after, ns | real"
        + " change | instructions | cycles | same sign (cycles / instructions) |\n"
        + "|---|---|---|---|---|---|---|\n");
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
      md.append(String.format(Locale.ROOT, "| %s | %s | %.0f → %.0f | %s | %s | %s%s | %s |%n",
          pair.name(), pair.change().replace("|", "\\|"), t[0], t[1], pct(t[1], t[0]),
          pct(s[1][0], s[0][0]), pct(s[1][1], s[0][1]), repeatable, sign));
      for (int side = 0; side < 2; side++) {
        cycles.add(s[side][1]);
        times.add(t[side]);
      }
    }
    double rho = new SpearmansCorrelation().correlation(
        cycles.stream().mapToDouble(d -> d).toArray(),
        times.stream().mapToDouble(d -> d).toArray());
    md.append(String.format(Locale.ROOT, "%n%s: %d pairs; %d with a real change of at least 10%%:"
            + " the simulated cycles change has the same sign in %d (%.0f%%), instructions in %d"
            + " (%.0f%%). Spearman rank correlation of cycles with the measured time over all %d"
            + " workloads: %.3f. Misses (cycles): %s. %s%n",
        title, pairs.size(), judged, sameCycles, 100.0 * sameCycles / Math.max(1, judged),
        sameInstructions, 100.0 * sameInstructions / Math.max(1, judged), cycles.size(), rho,
        misses.isEmpty() ? "none" : String.join(", ", misses), run));
    return md.toString();
  }
}
