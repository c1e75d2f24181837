package dev.countersign.workloads.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.workloads.bench.NativeCostBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The source of the agent's per-element cost models of natives (docs/simulator.md, "Per-element
 * cost models"): runs {@link NativeCostBenchmark} (JIT-warmed, forked JVMs without the agent, CPU
 * time per operation by Countersign's JMH profiler, as {@link FidelityFiguresTest}) and derives
 * the core clock, the cycles per 64-byte block of each digest and the cycles per stack frame of
 * an exception's stack walk. Prints and writes {@code test-workloads/target/native-costs.md}. On
 * demand:
 *
 * <pre>
 * ./mvnw -B verify -pl test-workloads -am -DskipUTs -Dtest=NativeCostFiguresTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.nativeCostFigures=true \
 *     [-Dnativecost.jmh="-f 2 -wi 3 -w 1s -i 4 -r 1s"]
 * </pre>
 */
@EnabledIfSystemProperty(named = "countersign.nativeCostFigures", matches = "true")
class NativeCostFiguresTest {

  private static final String JMH_DEFAULT = "-f 2 -wi 3 -w 1s -i 4 -r 1s";

  /** CPU time per op of benchmark {@code name} with {@code params} (name=value, ...). */
  private static double cpu(List<JsonNode> results, String name, String... params) {
    for (JsonNode b : results) {
      if (!b.path("benchmark").asText().endsWith("." + name)) {
        continue;
      }
      boolean match = true;
      for (String p : params) {
        String[] kv = p.split("=");
        match &= b.path("params").path(kv[0]).asText().equals(kv[1]);
      }
      if (match) {
        return b.path("secondaryMetrics").path(FidelityFiguresTest.CPU_TIME).path("score")
            .asDouble();
      }
    }
    throw new AssertionError("no result " + name + " " + List.of(params));
  }

  @Test
  void figures() throws Exception {
    Path json = Path.of("target", "native-costs.json").toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djmh.ignoreLock=true", "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), "org.openjdk.jmh.Main",
        NativeCostBenchmark.class.getName()));
    cmd.addAll(List.of(System.getProperty("nativecost.jmh", JMH_DEFAULT).split("\\s+")));
    cmd.addAll(List.of("-prof", FidelityFiguresTest.PROFILER, "-rf", "json", "-rff",
        json.toString()));
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(json.resolveSibling("native-costs.log").toFile()).start();
    assertEquals(0, p.waitFor(), "JMH failed: see target/native-costs.log");
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<JsonNode> results = new ArrayList<>();
    new ObjectMapper().readTree(json.toFile()).forEach(results::add);

    // a square per iteration, 3 cycles of latency each
    double ghz = 3.0 * (1 << 20) / cpu(results, "clock");
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "core clock: %.2f GHz (%d dependent squarings, 3 cycles each)%n%n"
            + "| digest | ns per 64-byte block | cycles per block |%n|---|---|---|%n",
        ghz, 1 << 20));
    Map<String, Double> cycles = new HashMap<>();
    for (String a : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
      double ns = (cpu(results, "digest", "algorithm=" + a, "kib=64")
          - cpu(results, "digest", "algorithm=" + a, "kib=4")) / (60.0 * 16);
      cycles.put(a, ns * ghz);
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f |%n", a, ns, ns * ghz));
    }
    double frameNs = (cpu(results, "exception", "depth=160") - cpu(results, "exception", "depth=32")
        - cpu(results, "recursion", "depth=160") + cpu(results, "recursion", "depth=32")) / 128;
    double baseNs = cpu(results, "exception", "depth=32") - cpu(results, "recursion", "depth=32")
        - 32 * frameNs;
    md.append(String.format(Locale.ROOT, "%nexception stack walk: %.1f ns = %.0f cycles per frame;"
            + " the rest of new Exception() at depth 0: %.0f ns = %.0f cycles%n%nJMH %s, CPU time"
            + " by -prof %s; load average %.1f before, %.1f after; %s %s.%n",
        frameNs, frameNs * ghz, baseNs, baseNs * ghz,
        System.getProperty("nativecost.jmh", JMH_DEFAULT), FidelityFiguresTest.PROFILER, load0,
        load1, System.getProperty("java.vm.name"), System.getProperty("java.vm.version")));
    System.out.println(md);
    Files.writeString(json.resolveSibling("native-costs.md"), md, StandardCharsets.UTF_8);
  }
}
