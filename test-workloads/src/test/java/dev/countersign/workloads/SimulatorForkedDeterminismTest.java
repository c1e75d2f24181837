package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.sim.agent.ClockSeeds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Separate JVMs, each started with this JVM's {@code -javaagent} (the packaged agent jar from
 * {@code prepare-agent}), print identical simulated counts for the same workloads — on JDK 17 and
 * on JDK 25 separately (the JDK's own bytecode is counted, so the two differ from each other).
 * The forks verify every class they load, the JDK's instrumented classes included ({@code
 * BytecodeVerificationLocal}: the JVM does not verify boot classes otherwise).
 */
class SimulatorForkedDeterminismTest {

  /** The JDKs to fork: {@code countersign.test.jdks} (homes, path-separated), else /usr/lib/jvm's. */
  static Map<Integer, Path> jdks() throws IOException {
    Map<Integer, Path> found = new TreeMap<>();
    List<Path> homes = new ArrayList<>();
    String given = System.getProperty("countersign.test.jdks", "");
    if (!given.isBlank()) {
      for (String h : given.split(java.io.File.pathSeparator)) {
        homes.add(Path.of(h));
      }
    } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
      try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
        s.sorted().forEach(homes::add);
      }
    }
    homes.add(Path.of(System.getProperty("java.home")));
    for (Path home : homes) {
      Path release = home.resolve("release");
      if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)) {
        for (String line : Files.readAllLines(release)) {
          if (line.startsWith("JAVA_VERSION=")) {
            String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
            int major = Integer.parseInt(v.split("[.+-]")[0]);
            found.putIfAbsent(major, home.toRealPath());
          }
        }
      }
    }
    return found;
  }

  /** The counts {@link SimulatedCountsMain} prints on {@code jdk}, by workload name. */
  /** The agent's warning about a method instrumented with less than every probe. */
  private static final String LOWERED_METHOD =
      "would exceed the 65,535-byte limit of a method's code with every probe";

  static Map<String, String> run(Path jdk, String agent, String... args)
      throws IOException, InterruptedException {
    return run(jdk, agent, List.of(), args);
  }

  /** The same, with {@code jvmOptions} before the main class. */
  static Map<String, String> run(Path jdk, String agent, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(),
        "-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal", agent));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        SimulatedCountsMain.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    // no class left uninstrumented, no error; a method counted with less than every probe (one
    // of commons-math3's constant tables: docs/simulator.md, "Attaching the agent") is said so
    String unexpected = out.lines()
        .filter(l -> l.contains("[countersign]") && !l.contains(LOWERED_METHOD))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertEquals("", unexpected, out);
    Map<String, String> lines = new LinkedHashMap<>();
    out.lines().filter(l -> l.contains(" = ")).forEach(l -> lines.put(
        l.substring(0, l.indexOf(" = ")), l.substring(l.indexOf(" = ") + 3)));
    return lines;
  }

  private static double instructions(Map<String, String> counts, String workload) {
    List<String> events = List.of(counts.get("events").replaceAll("[\\[\\]]", "").split(", "));
    String[] values = counts.get(workload).replaceAll("\\[|\\].*", "").split(", ");
    return Double.parseDouble(values[events.indexOf("instructions")]);
  }

  /** This JVM's {@code -javaagent} option (prepare-agent's), or null. */
  static String agentOption() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-javaagent:") && a.contains("countersign"))
        .findFirst()
        .orElse(null);
  }

  @Test
  void forkedJvmsGiveIdenticalCountsOnEachJdk() throws Exception {
    String agent = agentOption();
    // 'mvn test' in a reactor has no agent jar yet: prepare-agent warns and attaches nothing
    assumeTrue(agent != null, "the agent is not attached (run 'mvn verify')");
    Map<Integer, Path> jdks = jdks();
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(jdks.containsKey(17) && jdks.containsKey(25), "CI has JDK 17 and 25: " + jdks);
    }
    Map<Integer, Map<String, String>> byJdk = new TreeMap<>();
    for (var jdk : jdks.entrySet()) {
      if (jdk.getKey() != 17 && jdk.getKey() != 25) {
        continue;
      }
      Map<String, String> first = run(jdk.getValue(), agent);
      assertTrue(first.size() >= 8 && !first.toString().contains("NaN"), first.toString());
      assertEquals(first, run(jdk.getValue(), agent), "a second JVM on JDK " + jdk.getKey());
      byJdk.put(jdk.getKey(), first);
      System.out.println("JDK " + jdk.getKey() + " (" + jdk.getValue() + "): " + first);
    }
    assertTrue(!byJdk.isEmpty(), "no JDK 17 or 25 found: " + jdks);
    for (var counts : byJdk.entrySet()) {
      String jdk = "JDK " + counts.getKey() + ": ";
      Map<String, String> c = counts.getValue();
      double digest = instructions(c, "digestTwice") / instructions(c, "digestOnce");
      assertTrue(digest > 1.8 && digest < 2.1, jdk + "the JDK digest computed twice: " + digest);
      assertTrue(instructions(c, "sumByStream") > 1.5 * instructions(c, "sumByLoop"),
          jdk + "the stream's pipeline is JDK code, now counted");
      double clone = instructions(c, "copyByClone");
      assertTrue(clone > 8192 * 4 / 32 && clone < instructions(c, "copyByLoop"),
          jdk + "clone() costs its per-byte model: " + clone);
    }
  }

  /**
   * The same seeds in every JVM (an unseeded {@code Random}'s, Jackson's byte symbol table's,
   * Guava's {@code goodFastHash}'s, {@code ThreadLocalRandom}'s and an unseeded {@code
   * SplittableRandom}'s, and so the same counts of {@code randomNames} and {@code
   * jacksonBytes}, compared above) are the agent's rules ({@link ClockSeeds}): opted out, two JVMs
   * seed from their clocks and differ.
   */
  @Test
  void clockSeedsComeFromTheClockWhenOptedOut() throws Exception {
    String agent = agentOption();
    assumeTrue(agent != null, "the agent is not attached (run 'mvn verify')");
    Path jdk = Path.of(System.getProperty("java.home"));
    List<String> clock = List.of("-D" + ClockSeeds.CLOCK_PROPERTY + "=true");
    Map<String, String> first = run(jdk, agent, clock, "seedOnly");
    Thread.sleep(5); // the symbol table and Guava read milliseconds
    Map<String, String> second = run(jdk, agent, clock, "seedOnly");
    Map<String, String> rule = run(jdk, agent, List.of(), "seedOnly");
    assertEquals(rule, run(jdk, agent, List.of(), "seedOnly"), "the rules' seeds, two JVMs");
    for (String seed : List.of("unseededRandom", "symbolTableSeed", "goodFastHash",
        "threadLocalRandom", "splittableRandom")) {
      assertTrue(first.get(seed) != null && second.get(seed) != null && rule.get(seed) != null,
          seed + ": " + first + " " + second + " " + rule);
      assertNotEquals(first.get(seed), second.get(seed), seed + " clock-seeded in two JVMs");
      assertNotEquals(rule.get(seed), first.get(seed), seed + ": the rule's is not the clock's");
    }
    assertEquals("1", rule.get("symbolTableSeed"), "a clock that reads 0");
  }

  /**
   * A {@code ThreadLocal}'s cost does not depend on the JVM's other thread locals ({@code
   * ThreadLocalCost}): the workloads that use them (a scratch buffer and a context value;
   * jackson-core's parser, whose buffer recycler is one) count the same whether the thread holds
   * no other values or forty (a resized table, other slots, other collisions).
   */
  @Test
  void threadLocalsCostTheSameWhateverElseTheThreadHolds() throws Exception {
    String agent = agentOption();
    assumeTrue(agent != null, "the agent is not attached (run 'mvn verify')");
    Path jdk = Path.of(System.getProperty("java.home"));
    Map<String, String> none = run(jdk, agent, "threadLocalsBefore=0");
    Map<String, String> forty = run(jdk, agent, "threadLocalsBefore=40");
    for (String workload : List.of("threadLocals", "jacksonBytes")) {
      assertTrue(none.get(workload) != null, workload + ": " + none);
      assertEquals(none.get(workload), forty.get(workload), workload);
    }
  }
}
