package dev.countersign.junit;

import dev.countersign.results.BuildId;
import dev.countersign.results.JvmAgents;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultsDirectory;
import dev.countersign.results.TestId;
import dev.countersign.results.TestResult;
import dev.countersign.runner.Measurement;
import dev.countersign.runner.Measurements;
import dev.countersign.settings.Settings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code @PerfTest(forks = N)}: the measured iterations are spread over N fresh JVMs, each started
 * with this JVM's class path, JVM options (so the simulator's {@code -javaagent} too) and {@code
 * countersign.*} properties, running the one method through {@link ForkMain}. Each fork does its
 * own warm-up and its share of the iterations, and writes a result; this JVM joins them, recording
 * in {@link MetricSeries#fork()} which fork (1..N) each sample came from, so that the statistics
 * can treat the JVM as a level of variation (Georges et al. 2007; Kalibera &amp; Jones 2013).
 * Fork index 0 means the test JVM itself ({@code forks = 1}).
 */
final class Forks {

  private Forks() {}

  /** The iterations fork {@code index} (1-based) runs: an even share, the first ones one more. */
  static int share(int iterations, int forks, int index) {
    return iterations / forks + (index <= iterations % forks ? 1 : 0);
  }

  /** Marks every series of a fork's measurement with the fork index. */
  static Measurement mark(Measurement m, int index) {
    List<MetricSeries> marked = new ArrayList<>();
    for (MetricSeries s : m.metrics()) {
      marked.add(s.withSamples(s.perOp(), s.fractionCounted(),
          Collections.nCopies(s.perOp().size(), index)));
    }
    return new Measurement(m.opsPerInvocation(), marked, m.unavailable(), m.guestActivity());
  }

  /**
   * Runs the method in {@code spec.forks()} fresh JVMs, one after the other, and joins their
   * measurements.
   *
   * @param build the build the forks measure for: they write their results under its id
   * @param workDir a directory for the forks' results and logs (emptied first)
   * @throws InvalidPerfTestException when the method takes parameters or there are fewer
   *     iterations than forks
   * @throws ForkFailedException when a fork fails, with its output
   */
  static Measurement run(Method method, TestId id, PerfTestSpec spec, Settings settings,
      BuildId build, Path workDir)
      throws IOException, InterruptedException {
    if (method.getParameterCount() > 0) {
      throw new InvalidPerfTestException("@PerfTest(forks = " + spec.forks() + ") on "
          + id.key() + ": a method with parameters cannot be run in a fork; use forks = 1");
    }
    if (spec.iterations() < spec.forks()) {
      throw new InvalidPerfTestException("@PerfTest on " + id.key() + ": " + spec.iterations()
          + " iterations cannot be spread over " + spec.forks() + " forks; give at least one"
          + " iteration per fork");
    }
    deleteTree(workDir);
    Files.createDirectories(workDir);
    Measurement joined = null;
    for (int f = 1; f <= spec.forks(); f++) {
      Map<String, String> props = new TreeMap<>();
      props.put(Settings.FORK_INDEX, Integer.toString(f));
      props.put(Settings.ITERATIONS,
          Integer.toString(share(spec.iterations(), spec.forks(), f)));
      TestResult r = runOne(method, id, spec, settings, build, workDir.resolve("fork-" + f),
          props, true, "fork " + f + " of " + spec.forks());
      Measurement m = mark(new Measurement(spec.opsPerInvocation(), r.metrics(), r.unavailable(),
          List.of()), f);
      joined = joined == null ? m : Measurements.concat(joined, m);
    }
    return joined;
  }

  /**
   * Runs the method's plain pass: one fresh JVM without Countersign's {@code -javaagent} (other
   * agents kept) measures, with this JVM's iterations and warm-up, what is not the simulator's
   * ({@link PlainPass}).
   *
   * @param workDir a directory for the pass's result and log (emptied first)
   * @throws ForkFailedException when the JVM fails, with its output
   */
  static Measurement runPlainPass(Method method, TestId id, PerfTestSpec spec, Settings settings,
      BuildId build, Path workDir) throws IOException, InterruptedException {
    deleteTree(workDir);
    Files.createDirectories(workDir);
    Map<String, String> props = new TreeMap<>();
    props.put(Settings.FORK_INDEX, Integer.toString(settings.forkIndex()));
    props.put(Settings.PLAIN_PASS, "true");
    props.put(Settings.ITERATIONS, Integer.toString(spec.iterations()));
    TestResult r = runOne(method, id, spec, settings, build, workDir.resolve("plain"), props,
        false, "the plain pass (a JVM without the simulator's agent)");
    return new Measurement(spec.opsPerInvocation(), r.metrics(), r.unavailable(), List.of());
  }

  /**
   * Starts one JVM running the method through {@link ForkMain} and reads the one result it writes.
   *
   * @param results the JVM's results directory; its log is written beside it
   * @param overrides settings for that JVM on top of this one's
   * @param withAgent whether it keeps Countersign's {@code -javaagent}
   * @param what what the JVM is, for the failure message
   */
  private static TestResult runOne(Method method, TestId id, PerfTestSpec spec, Settings settings,
      BuildId build, Path results, Map<String, String> overrides, boolean withAgent, String what)
      throws IOException, InterruptedException {
    Path log = results.resolveSibling(results.getFileName() + ".log");
    List<String> command = command(method, spec, settings, build, results, overrides, withAgent);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int status = p.waitFor();
    List<TestResult> written = Files.isDirectory(results)
        ? new ResultsDirectory(results).build(build).readAll() : List.of();
    if (status != 0 || written.size() != 1) {
      throw new ForkFailedException(id.key() + ": " + what + " failed (exit status " + status
          + ", " + written.size() + " result(s) written). Its output (" + log + "):\n"
          + tail(log, 40) + "\nCommand: " + String.join(" ", command));
    }
    return written.get(0);
  }

  private static List<String> command(Method method, PerfTestSpec spec, Settings settings,
      BuildId build, Path results, Map<String, String> overrides, boolean withAgent) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // a debugger port cannot be opened twice; countersign.* are passed below, with overrides
      if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp")
          && !arg.startsWith("-Dcountersign.")
          && (withAgent || !JvmAgents.isCountersignOption(arg))) {
        cmd.add(arg);
      }
    }
    // the system properties set in this JVM after it started (Surefire's systemPropertyVariables,
    // which the workload may read) are not among its options: passed on too, but for those every
    // JVM sets itself
    Map<String, String> props = new TreeMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (!isSetByEveryJvm(key)) {
        props.put(key, System.getProperty(key));
      }
    }
    // the fork sees this JVM's settings as system properties, whatever their source here
    // (junit-platform.properties, Surefire's configurationParameters, -D)
    for (String key : Settings.KEYS) {
      settings.string(key).ifPresent(v -> props.put(key, v));
    }
    props.put(Settings.FORKS, "1");
    props.put(Settings.MODE, spec.mode().id());
    props.put(Settings.RESULTS_DIR, results.toAbsolutePath().toString());
    props.put(Settings.BUILD_ID, build.value());
    props.putAll(overrides);
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(ForkMain.class.getName());
    cmd.add(method.getDeclaringClass().getName());
    cmd.add(method.getName());
    return cmd;
  }

  /** Properties a JVM sets itself ({@code java.*}, {@code os.*}, {@code user.*}, ...). */
  private static boolean isSetByEveryJvm(String key) {
    return JVM_OWN_PREFIXES.stream().anyMatch(key::startsWith)
        || key.equals("line.separator") || key.equals("path.separator");
  }

  private static final List<String> JVM_OWN_PREFIXES = List.of("java.", "jdk.", "sun.", "os.",
      "user.", "file.", "native.", "stdout.", "stderr.", "awt.");

  /**
   * This JVM's class path plus the jars of the JUnit Platform Launcher this JVM runs on: Surefire
   * puts the launcher (of the user's own JUnit release) on its provider class path, not on {@code
   * java.class.path}, and countersign-junit brings none of its own.
   */
  static String classPath() {
    String cp = System.getProperty("java.class.path");
    List<String> entries = new ArrayList<>(List.of(cp.split(java.io.File.pathSeparator)));
    for (String probe : LAUNCHER_CLASSES) {
      jarOf(probe).filter(j -> !entries.contains(j)).ifPresent(entries::add);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** A class of each jar the fork's launcher needs (the rest comes with the Jupiter engine). */
  private static final List<String> LAUNCHER_CLASSES = List.of(
      "org.junit.platform.launcher.core.LauncherFactory",
      "org.junit.platform.engine.TestEngine",
      "org.junit.platform.commons.util.ReflectionUtils");

  private static java.util.Optional<String> jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, Forks.class.getClassLoader());
      java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
      return src == null ? java.util.Optional.empty()
          : java.util.Optional.of(Path.of(src.getLocation().toURI()).toString());
    } catch (ClassNotFoundException | java.net.URISyntaxException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A fork that did not produce a result. */
  static final class ForkFailedException extends RuntimeException {
    ForkFailedException(String message) {
      super(message);
    }
  }
}
