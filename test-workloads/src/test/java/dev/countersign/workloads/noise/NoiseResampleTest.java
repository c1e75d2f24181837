package dev.countersign.workloads.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.ResultStore;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code check}'s false-alarm rate and power against baselines of k runs, by resampling the runs
 * of the noise module that {@link NoiseFiguresTest} left (each its own fresh JVM, the module's six
 * tests at the defaults of a build; a compare run's module tests are the same, since the defaults
 * of a build and of compare agree for tests that measure time). Per draw, k + 1 distinct runs
 * (seeded): k promoted into a baseline, the last judged by the real {@link Check} as a build of
 * unchanged code, and again with {@code ChecksumNoise.hash}'s CPU time scaled up ({@link
 * ScaledRun}). On demand:
 *
 * <pre>
 * ./mvnw -B test -pl test-workloads -am -DskipUTs -Dtest=NoiseResampleTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcountersign.noiseResample=true \
 *     -Dnoise.from=dir1,dir2 [-Dnoise.k=3,5,8 -Dnoise.draws=100 -Dnoise.checkPower=100,200]
 *     [-Dnoise.tests=ChecksumNoise,HandOffNoise: a module of only these tests]
 * </pre>
 *
 * Writes {@code test-workloads/target/noise-resample.md}.
 */
@EnabledIfSystemProperty(named = "countersign.noiseResample", matches = "true")
class NoiseResampleTest {

  private final Path work = Path.of("target", "noise-resample");
  /** {@code -Dnoise.tests=ChecksumNoise,SortNoise}: a module of only these; all six by default. */
  private final List<String> only = Arrays.stream(System.getProperty("noise.tests", "")
      .split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();

  private boolean kept(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return !simple.equals("PowerNoise") && (only.isEmpty() || only.contains(simple));
  }

  @Test
  void resample() throws Exception {
    List<List<TestResult>> runs = new ArrayList<>();
    int expected = only.isEmpty() ? RunSuite.tests("module") : only.size();
    for (String dir : System.getProperty("noise.from", "target/noise-figures").split(",")) {
      try (Stream<Path> list = Files.list(Path.of(dir.strip()))) {
        for (Path run : list.filter(p -> p.getFileName().toString().matches("run-\\d+")
            && Files.isDirectory(p)).sorted().toList()) {
          ResultsDirectory results = new ResultsDirectory(run);
          List<TestResult> module = results.latest().map(b -> results.build(b).readAll())
              .orElse(List.of()).stream().filter(t -> kept(t.test().className())).toList();
          if (module.size() == expected) {
            runs.add(module);
          }
        }
      }
    }
    int[] ks = Arrays.stream(System.getProperty("noise.k", "3,5,8").split(","))
        .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    int draws = Integer.getInteger("noise.draws", 100);
    String[] sizes = System.getProperty("noise.checkPower", "100,200").split(",");
    assertTrue(runs.size() > Arrays.stream(ks).max().orElse(0) + 1, runs.size() + " runs");
    Files.createDirectories(work);
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "tests: %s%n%d runs of the"
        + " module, %d draws per k (seeded); load at start: %s%n%n| baseline runs k | builds with"
        + " a false REGRESSION |", only.isEmpty() ? "the six" : only, runs.size(), draws,
        Files.readString(Path.of("/proc/loadavg")).strip()));
    for (String s : sizes) {
      md.append(" hash task-clock +").append(s.strip()).append("%: REGRESSION |");
    }
    md.append("\n|--:|--:|").append("--:|".repeat(sizes.length)).append('\n');
    StringBuilder alarms = new StringBuilder();
    for (int k : ks) {
      SplittableRandom random = new SplittableRandom(1000 + k);
      int falseAlarms = 0;
      int[] caught = new int[sizes.length];
      for (int d = 0; d < draws; d++) {
        int[] pick = random.ints(0, runs.size()).distinct().limit(k + 1L).toArray();
        Path dir = Files.createTempDirectory(work, "k" + k + "-");
        BaselineStore baseline = new BaselineStore(dir.resolve("baseline"));
        for (int i = 0; i < k; i++) {
          baseline.promoteAll(runs.get(pick[i]), k);
        }
        List<TestResult> build = runs.get(pick[k]);
        ResultStore unchanged = ScaledRun.write(build, new ResultStore(dir.resolve("aa")), "hash",
            "task-clock", 1);
        List<CheckRow> rows = new Check(Comparators.standard()).run(unchanged, baseline,
            CheckSettings.defaults()).rows();
        List<CheckRow> regressions = rows.stream().filter(x -> x.verdict() == Verdict.REGRESSION)
            .toList();
        falseAlarms += regressions.isEmpty() ? 0 : 1;
        for (CheckRow x : regressions) {
          alarms.append(String.format(Locale.ROOT, "- k = %d, draw %d: %s %s: %s%n", k, d + 1,
              x.test(), x.metric(), x.note()));
        }
        for (int i = 0; i < sizes.length; i++) {
          ResultStore slower = ScaledRun.write(build, new ResultStore(dir.resolve("x" + i)),
              "hash", "task-clock", 1 + Double.parseDouble(sizes[i].strip()) / 100);
          caught[i] += ScaledRun.caught(slower, baseline, "ChecksumNoise.hash", "task-clock")
              ? 1 : 0;
        }
      }
      md.append(String.format(Locale.ROOT, "| %d | %d of %d |", k, falseAlarms, draws));
      for (int c : caught) {
        md.append(String.format(Locale.ROOT, " %d of %d |", c, draws));
      }
      md.append('\n');
      Files.writeString(Path.of("target", "noise-resample.md"), md + "\n" + alarms);
    }
    md.append(alarms.length() == 0 ? "\nFalse alarms: none.\n" : "\nFalse alarms:\n\n" + alarms);
    System.out.println(md);
    Files.writeString(Path.of("target", "noise-resample.md"), md);
  }
}
