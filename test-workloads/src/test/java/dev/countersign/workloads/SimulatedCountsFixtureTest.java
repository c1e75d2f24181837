package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The simulator's counts do not change unnoticed and are the same in every JVM: three JVMs per JDK
 * (17 and 25) with the packaged agent print every counter and guest event of one invocation of the
 * sample workloads, the JDK calls and both sides of every fidelity pair ({@link
 * SimulatedCountsMain} {@code corpus}), and each line of each JVM must equal the fixture recorded
 * for that JDK build
 * ({@code src/test/resources/sim-counts/<vendor> <runtime version>.txt}). A change of the
 * instrumentation or of the runtime's hot path (per-block counting, the thread look-up) must keep
 * every count; a change of a cost model changes counts on purpose: re-record with {@code
 * -Dcountersign.recordSimCounts=true} and say in the commit and in docs/simulator.md what changed.
 */
class SimulatedCountsFixtureTest {

  private static final Path FIXTURES = Path.of("src/test/resources/sim-counts");

  /**
   * Workloads whose counts may differ between JVMs of one JDK: printed and required, not compared.
   * The second held-out set's commons-io {@code IOUtils.toString} (its per-thread scratch buffer),
   * java.time's {@code LocalDate.parse} (JDK 17) and jsoup's selector, whose counts differ from one
   * invocation to the next. The Jackson pairs, which varied with the codes their factories got,
   * are compared (docs/simulator.md, "Count fixture").
   */
  static final Set<String> VARY_BETWEEN_JVMS = Set.of(
      "corpus:io-ioutils-tostring-to-readallbytes:before", "corpus:javatime-parse-to-manual:before",
      "corpus:jsoup-select-to-traversal:before", "corpus:jsoup-select-to-traversal:after");

  /** JVMs per JDK, each compared with the fixture: {@code countersign.fixtureForks}, default 3. */
  private static final int FORKS = Integer.getInteger("countersign.fixtureForks", 3);

  @Test
  void everyCountEqualsTheRecordedFixture() throws Exception {
    String agent = SimulatorForkedDeterminismTest.agentOption();
    assumeTrue(agent != null, "the agent is not attached (run 'mvn verify')");
    boolean record = Boolean.getBoolean("countersign.recordSimCounts");
    int compared = 0;
    List<String> problems = new ArrayList<>();
    for (var jdk : SimulatorForkedDeterminismTest.jdks().entrySet()) {
      if (jdk.getKey() != 17 && jdk.getKey() != 25) {
        continue;
      }
      List<Map<String, String>> forks = forks(jdk.getValue(), agent, record ? 1 : FORKS);
      Map<String, String> counts = forks.get(0);
      String build = counts.remove("jdk");
      assertTrue(build != null && counts.size() > 70, counts.toString());
      Path fixture = FIXTURES.resolve(build.replaceAll("[^A-Za-z0-9.+_-]+", "_") + ".txt");
      if (record) {
        Files.createDirectories(FIXTURES);
        StringBuilder text = new StringBuilder();
        counts.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(fixture, text, StandardCharsets.UTF_8);
        System.out.println("recorded " + fixture.toAbsolutePath());
        continue;
      }
      if (!Files.isRegularFile(fixture)) {
        problems.add("no fixture for JDK " + build + " (" + fixture + "): record one with"
            + " -Dcountersign.recordSimCounts=true");
        continue;
      }
      Map<String, String> expected = new LinkedHashMap<>();
      for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
        int eq = line.indexOf(" = ");
        if (eq > 0) {
          expected.put(line.substring(0, eq), line.substring(eq + 3));
        }
      }
      assertEquals(expected.get("events"), counts.get("events"), "the events printed");
      for (int f = 1; f < forks.size(); f++) {
        Map<String, String> other = forks.get(f);
        other.remove("jdk");
        for (var e : counts.entrySet()) {
          if (!e.getValue().equals(other.get(e.getKey()))
              && !VARY_BETWEEN_JVMS.contains(e.getKey())) {
            problems.add(build + ": " + e.getKey() + " differs between forks\n  fork 1 "
                + e.getValue() + "\n  fork " + (f + 1) + " " + other.get(e.getKey()));
          }
        }
      }
      for (var e : expected.entrySet()) {
        String now = counts.get(e.getKey());
        if (now == null) {
          // a pair renamed or removed from the corpus: the fixture is stale there, not wrong
          System.out.println(build + ": workload " + e.getKey() + " of the fixture no longer"
              + " printed; re-record with -Dcountersign.recordSimCounts=true");
          continue;
        } else if (!now.equals(e.getValue()) && !VARY_BETWEEN_JVMS.contains(e.getKey())) {
          problems.add(build + ": " + e.getKey() + "\n  fixture " + e.getValue() + "\n  now     "
              + now);
        }
        compared++;
      }
      for (String k : counts.keySet()) {
        if (!expected.containsKey(k)) {
          System.out.println(build + ": workload " + k + " is not in the fixture (added to the"
              + " corpus since it was recorded): not compared");
        }
      }
    }
    if (!problems.isEmpty()) {
      boolean ci = "true".equals(System.getenv("CI"));
      List<String> missing = problems.stream().filter(p -> p.startsWith("no fixture")).toList();
      if (!ci && missing.size() == problems.size()) {
        assumeTrue(false, String.join("; ", missing)); // another JDK build than the recorded ones
      }
      fail("simulated counts differ from the fixture (events in the order of the 'events' line;"
          + " if the change is intended, re-record with -Dcountersign.recordSimCounts=true and"
          + " explain it in docs/simulator.md):\n" + String.join("\n", problems));
    }
    assertTrue(record || compared > 70, compared + " workloads compared");
  }

  /** {@code n} JVMs on {@code jdk} printing the corpus's counts, run two at a time. */
  private static List<Map<String, String>> forks(Path jdk, String agent, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 2));
    try {
      List<Future<Map<String, String>>> running = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        running.add(pool.submit(() -> SimulatorForkedDeterminismTest.run(jdk, agent, "corpus")));
      }
      List<Map<String, String>> done = new ArrayList<>();
      for (Future<Map<String, String>> f : running) {
        done.add(f.get());
      }
      return done;
    } finally {
      pool.shutdownNow();
    }
  }
}
