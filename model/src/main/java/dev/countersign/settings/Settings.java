package dev.countersign.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every {@code countersign.*} setting: its key (a constant here), default and unit, and one typed
 * way to read it from a key-to-value lookup.
 *
 * <p>In a test JVM the lookup is JUnit's configuration parameters ({@code
 * dev.countersign.junit.JUnitSettings} in countersign-junit), which see, in JUnit's order of
 * precedence, the launcher's explicit parameters (Surefire's {@code configurationParameters}), system properties
 * ({@code -D}) and {@code junit-platform.properties}. The Maven goals read the same keys as
 * {@code -D} or POM properties. This class knows nothing of JUnit so that it can live with the
 * file formats.
 *
 * <p>A blank value counts as absent. A value that cannot be used is an {@link
 * InvalidSettingException} naming the key, the value and what to give instead.
 *
 * <p>Longer than 300 lines by design: it is the one class that names every key with its default
 * and unit; most of it is those constants, their javadoc and one typed accessor each. Reading and
 * parsing a value is {@link SettingReader}'s.
 */
public final class Settings {

  // ---- the test JVM (the extension) -----------------------------------------------------------

  /** Measurement mode, {@code auto} (default), {@code perf} or {@code sim}; overrides {@code @PerfTest(mode)}. */
  public static final String MODE = "countersign.mode";

  /** Unmeasured invocations per test, count; overrides {@code @PerfTest(warmup)} (default the annotation's). */
  public static final String WARMUP = "countersign.warmup";

  /** Measured invocations per test, count; overrides {@code @PerfTest(iterations)} (default the annotation's). */
  public static final String ITERATIONS = "countersign.iterations";

  /** JVMs the iterations are spread over, count; overrides {@code @PerfTest(forks)} (default the annotation's). */
  public static final String FORKS = "countersign.forks";

  /**
   * Directory the result files are written to and read from, a path; default {@value
   * #DEFAULT_RESULTS_DIR} (relative to the working directory: the module, under Maven).
   */
  public static final String RESULTS_DIR = "countersign.resultsDir";

  /** Default of {@link #RESULTS_DIR}. */
  public static final String DEFAULT_RESULTS_DIR = "target/countersign/results";

  /**
   * This build's id, the name of its folder under {@link #RESULTS_DIR} ({@code
   * dev.countersign.results.BuildId}); default: minted by {@code prepare-agent} once per Maven
   * session and passed to the test JVMs, or, without the plugin, once per run of the JUnit engine.
   * {@code check} and {@code baseline} act on this build's results only.
   */
  public static final String BUILD_ID = "countersign.buildId";

  /**
   * Time budget per test for sequential sampling, seconds ({@code 30}, {@code 30s}, {@code
   * 500ms}, {@code 2m}); default 0 = off (the planned iterations only).
   */
  public static final String MAX_TIME = "countersign.maxTime";

  /**
   * Steady-state warm-up per test (per JVM), seconds ({@code 1}, {@code 500ms}; {@code 0} = off,
   * the {@code warmup} invocations only). Default {@value #DEFAULT_WARMUP_TIME} for a test that
   * declares a time or scheduling metric ({@code dev.countersign.stats.TimeSensitiveMetrics}) and
   * is not simulated, 0 for the others (counts of work and simulated counts do not depend on how
   * far the JIT got). Warm-up goes on after the {@code warmup} invocations until this much time
   * has passed and the JIT has been idle (nothing compiled, compiling or queued) for a quarter of
   * it, at most four times this long
   * ({@code dev.countersign.runner.SteadyWarmup}). {@code countersign:compare} sets it on both
   * sides for every test, default {@value #DEFAULT_COMPARE_WARMUP_TIME} there.
   */
  public static final String WARMUP_TIME = "countersign.warmupTime";

  /** {@link #WARMUP_TIME} of a test that measures time or scheduling, unless set. */
  public static final String DEFAULT_WARMUP_TIME = "500ms";

  /** {@link #WARMUP_TIME} of {@code countersign:compare}'s rounds unless set. */
  public static final String DEFAULT_COMPARE_WARMUP_TIME = "500ms";

  /**
   * Measuring time per test (per JVM), seconds ({@code 200ms}, {@code 1s}; {@code 0} = off, the
   * planned iterations only). Default {@value #DEFAULT_MEASURE_TIME} for a test that measures time
   * or scheduling (as {@link #WARMUP_TIME}), 0 for the others. After the planned iterations
   * further batches of the same size are measured until this much time has passed since the first
   * batch ended, so that a run's samples span more than one state of a shared machine. {@code
   * countersign:compare} sets it on both sides for every test, default {@value
   * #DEFAULT_COMPARE_MEASURE_TIME} there.
   */
  public static final String MEASURE_TIME = "countersign.measureTime";

  /** {@link #MEASURE_TIME} of a test that measures time or scheduling, unless set. */
  public static final String DEFAULT_MEASURE_TIME = "200ms";

  /** {@link #MEASURE_TIME} of {@code countersign:compare}'s rounds unless set. */
  public static final String DEFAULT_COMPARE_MEASURE_TIME = "200ms";

  /**
   * Default practical regression threshold for metrics without {@code @MaxRegression}, percent;
   * default {@value #DEFAULT_THRESHOLD}. Read by the extension (sequential sampling) and {@code check}.
   */
  public static final String THRESHOLD = "countersign.threshold";

  /** Default of {@link #THRESHOLD}, percent. */
  public static final double DEFAULT_THRESHOLD = 5.0;

  /**
   * Comma-separated host profiles whose VM exits every {@code @PerfTest} records (all reasons),
   * besides those the test names; default none.
   */
  public static final String VMEXIT_HOSTS = "countersign.vmexitHosts";

  /** Directory of the user's VM-exit host profiles ({@code *.json}), a path; default {@value #DEFAULT_HOSTS_DIR}. */
  public static final String HOSTS_DIR = "countersign.hostsDir";

  /** Default of {@link #HOSTS_DIR}. */
  public static final String DEFAULT_HOSTS_DIR = "src/test/countersign/hosts";

  /** The simulator's CPU profile, a name; default {@value #DEFAULT_SIM_PROFILE}. */
  public static final String SIM_PROFILE = "countersign.sim.profile";

  /** Default of {@link #SIM_PROFILE}. */
  public static final String DEFAULT_SIM_PROFILE = "zen4-server";

  /**
   * Whether the seeds the simulator's agent fixes (an unseeded {@code java.util.Random}'s,
   * {@code ThreadLocalRandom}'s, Jackson's symbol tables', Guava's {@code goodFastHash}) are taken from the clock, as without
   * the agent (read by the agent, a system property); default false: the same seeds in every JVM
   * (docs/simulator.md, "Random numbers and clock seeds").
   */
  public static final String SIM_CLOCK_SEEDED_RANDOM = "countersign.sim.clockSeededRandom";

  /**
   * Internal: set by the extension in a fork's JVM to its index (1..N); 0 or absent = the test
   * JVM itself. Not a user setting.
   */
  public static final String FORK_INDEX = "countersign.forkIndex";

  /**
   * Internal: set by the extension in the JVM it starts without the simulator's agent to measure
   * a test's time, kernel and JVM metrics on plain code (docs/simulator.md, "Plain and
   * instrumented passes"); boolean, default false. Not a user setting.
   */
  public static final String PLAIN_PASS = "countersign.plainPass";

  // ---- the Maven goals -------------------------------------------------------------------------

  /** Skip every Countersign goal, boolean; default false. */
  public static final String SKIP = "countersign.skip";

  /** {@code check} fails the build on a regression or broken budget, boolean; default true (false = advisory). */
  public static final String FAIL_ON_REGRESSION = "countersign.failOnRegression";

  /** Multiple-testing correction across one build, {@code holm} (default), {@code bh} or {@code none}. */
  public static final String CORRECTION = "countersign.correction";

  /** {@code check} fails on a test without a baseline, boolean; default false. */
  public static final String REQUIRE_BASELINE = "countersign.requireBaseline";

  /** Directory of the reports ({@code report.html}, {@code summary.md}, ...), a path; default {@code target/countersign}. */
  public static final String REPORT_DIR = "countersign.reportDir";

  /** JMH JSON result file(s) to check or baseline too, comma-separated paths; default none. */
  public static final String JMH_RESULTS = "countersign.jmhResults";

  /** Property {@code prepare-agent} appends the {@code -javaagent} to, a name; default {@code argLine}. */
  public static final String PROPERTY_NAME = "countersign.propertyName";

  /** Classes the simulator agent instruments, comma-separated patterns; default all but the JDK's. */
  public static final String INCLUDES = "countersign.includes";

  /** Classes the simulator agent leaves alone, comma-separated patterns; default none. */
  public static final String EXCLUDES = "countersign.excludes";

  /** Directory of the committed baselines, a path; default {@code src/test/countersign}. */
  public static final String BASELINE_DIR = "countersign.baselineDir";

  /** Runs a baseline keeps per test, count ≥ 1; default 1. */
  public static final String HISTORY = "countersign.history";

  /**
   * {@code compare}: the git ref of the base revision A (branch, tag, commit); default the merge
   * base of {@code HEAD} and the target branch the CI names ({@code GITHUB_BASE_REF}, ...).
   */
  public static final String AGAINST = "countersign.against";

  /** {@code compare}: rounds of A and B, count ≥ 2; default {@value #DEFAULT_ROUNDS}. */
  public static final String ROUNDS = "countersign.rounds";

  /**
   * A broken absolute budget does not fail the test: {@code check} fails the build on it at
   * {@code verify}, after printing its table and writing the report; boolean, default false.
   * {@code prepare-agent} sets it (in {@code argLine}) when {@code check} runs later in the same
   * build; without the plugin (an IDE) the test itself fails. A budget that cannot be judged (its
   * metric unavailable) still fails the test.
   */
  public static final String DEFER_BUDGETS = "countersign.deferBudgets";

  /**
   * Only {@code @PerfTest} methods are run: every other test of the test JVM (other Jupiter tests,
   * other engines' tests) is filtered out at discovery, before any class is initialised; boolean,
   * default false. {@code compare} sets it on its rounds, so that finding the {@code @PerfTest}s of
   * a module does not cost a run of its whole test suite. A system property only: the launcher's
   * discovery filters see no JUnit configuration parameters.
   */
  public static final String PERF_TESTS_ONLY = "countersign.perfTestsOnly";

  /**
   * A {@code @PerfTest} runs beside no test of the build's other test JVMs (Surefire's or
   * Failsafe's {@code forkCount > 1}) nor beside their class-level work: every test holds a lock
   * file in the results directory shared, a {@code @PerfTest} exclusively, every container (a test
   * class: its {@code @BeforeAll}, {@code @AfterAll}) shared while none of its children runs;
   * boolean, default true. Active only in test JVMs that
   * {@code prepare-agent} gave a {@link #BUILD_ID}. Within one JVM a {@code @PerfTest} runs alone
   * regardless (JUnit's global resource lock).
   */
  public static final String ISOLATE_FORKS = "countersign.isolateForks";

  /** Default of {@link #ROUNDS}. */
  public static final int DEFAULT_ROUNDS = 6;

  /**
   * The history store {@code check} appends to and {@code history} reads: a JDBC URL ({@code
   * jdbc:sqlite:<file>} or {@code jdbc:postgresql://host[:port]/db}) or {@code none} = off; default
   * {@code jdbc:sqlite:~/.countersign/history.db}. Credentials never here (see {@link
   * #HISTORY_SERVER}). Not to be confused with {@link #HISTORY}.
   */
  public static final String HISTORY_URL = "countersign.history.url";

  /**
   * The {@code settings.xml} server whose username and password log in to the history database, an
   * id; default {@value #DEFAULT_HISTORY_SERVER}. Else the environment variables {@code
   * COUNTERSIGN_HISTORY_USER} and {@code COUNTERSIGN_HISTORY_PASSWORD}.
   */
  public static final String HISTORY_SERVER = "countersign.history.server";

  /** Default of {@link #HISTORY_SERVER}. */
  public static final String DEFAULT_HISTORY_SERVER = "countersign-history";

  /** The build's unique key in the history, a name; default a random UUID per {@code check}. */
  public static final String HISTORY_BUILD_ID = "countersign.history.buildId";

  /** The commit a build is recorded for; default the CI's variable, else {@code git rev-parse HEAD}. */
  public static final String HISTORY_COMMIT = "countersign.history.commit";

  /** The branch a build is recorded for; default the CI's variable, else git's current branch. */
  public static final String HISTORY_BRANCH = "countersign.history.branch";

  /** {@code history}: the latest builds each trend covers, count ≥ 2; default {@value #DEFAULT_HISTORY_BUILDS}. */
  public static final String HISTORY_BUILDS = "countersign.history.builds";

  /** Default of {@link #HISTORY_BUILDS}. */
  public static final int DEFAULT_HISTORY_BUILDS = 100;

  /** {@code history}: only builds of this branch; default all branches. */
  public static final String HISTORY_ONLY_BRANCH = "countersign.history.onlyBranch";

  /** {@code history}: builds per window of the change-point search, count ≥ 6; default 50. */
  public static final String HISTORY_WINDOW = "countersign.history.window";

  /** {@code history}: Student t p-value below which a change is significant, in (0, 0.5); default 0.001. */
  public static final String HISTORY_MAX_P_VALUE = "countersign.history.maxPValue";

  /** {@code history}: smallest relative change of the mean that counts, a fraction in [0, 1); default 0.01. */
  public static final String HISTORY_MIN_MAGNITUDE = "countersign.history.minMagnitude";

  /** Every key above, in declaration order. */
  public static final List<String> KEYS = List.of(MODE, WARMUP, ITERATIONS, FORKS, RESULTS_DIR,
      BUILD_ID,
      MAX_TIME, WARMUP_TIME, MEASURE_TIME, THRESHOLD, VMEXIT_HOSTS, HOSTS_DIR, SIM_PROFILE,
      SIM_CLOCK_SEEDED_RANDOM, FORK_INDEX, PLAIN_PASS, SKIP,
      FAIL_ON_REGRESSION, CORRECTION, REQUIRE_BASELINE, REPORT_DIR, JMH_RESULTS, PROPERTY_NAME,
      INCLUDES, EXCLUDES, BASELINE_DIR, HISTORY, AGAINST, ROUNDS, ISOLATE_FORKS, HISTORY_URL,
      HISTORY_SERVER,
      HISTORY_BUILD_ID, HISTORY_COMMIT, HISTORY_BRANCH, HISTORY_BUILDS, HISTORY_ONLY_BRANCH,
      HISTORY_WINDOW, HISTORY_MAX_P_VALUE, HISTORY_MIN_MAGNITUDE, DEFER_BUDGETS, PERF_TESTS_ONLY);

  private final SettingReader reader;

  private Settings(UnaryOperator<String> lookup, String origin) {
    this.reader = new SettingReader(lookup, origin);
  }

  /**
   * Settings read through {@code lookup} (key to value, null when absent).
   *
   * @param origin where the values come from, for error messages (e.g. "JUnit configuration
   *     parameter or system property")
   */
  public static Settings of(UnaryOperator<String> lookup, String origin) {
    return new Settings(lookup, origin);
  }

  /** Settings read through {@code lookup}, for tests and tools. */
  public static Settings of(UnaryOperator<String> lookup) {
    return of(lookup, "setting");
  }

  /** The JVM's system properties: where neither JUnit nor Maven supplies the settings (JMH, tools). */
  public static Settings systemProperties() {
    return of(System::getProperty, "system property");
  }

  /** No setting given: every accessor answers its default. */
  public static Settings none() {
    return of(k -> null);
  }

  /** The value of {@code key}, stripped; empty when absent or blank. */
  public Optional<String> string(String key) {
    return reader.string(key);
  }

  /** The value of {@code key} as a whole number, or {@code fallback} when absent. */
  public int integer(String key, int fallback) {
    return reader.integer(key, fallback);
  }

  /** The value of {@code key} as a finite number ≥ 0, or {@code fallback} when absent. */
  public double nonNegative(String key, double fallback) {
    return reader.nonNegative(key, fallback);
  }

  /** The value of {@code key} as {@code true} or {@code false}, or {@code fallback} when absent. */
  public boolean flag(String key, boolean fallback) {
    return reader.flag(key, fallback);
  }

  /**
   * The value of {@code key} as a duration in seconds: a number of seconds, or with a unit {@code
   * ms}, {@code s} or {@code m}; {@code 0} when absent.
   */
  public double seconds(String key) {
    return reader.seconds(key);
  }

  /** A default duration ({@code 500ms}) of {@code key}, in seconds. */
  private static double duration(String key, String value) {
    return new SettingReader(k -> value, "the default").seconds(key);
  }

  /** The value of {@code key} split at commas, blanks dropped; empty when absent. */
  public List<String> list(String key) {
    return reader.list(key);
  }

  /** The value of {@code key} as a path, or {@code fallback} when absent. */
  public Path path(String key, String fallback) {
    return reader.path(key, fallback);
  }

  // ---- typed accessors of the extension's settings --------------------------------------------

  /** {@link #RESULTS_DIR}. */
  public Path resultsDir() {
    return path(RESULTS_DIR, DEFAULT_RESULTS_DIR);
  }

  /** {@link #MAX_TIME}, seconds, 0 = off. */
  public double maxTimeSeconds() {
    return seconds(MAX_TIME);
  }

  /** {@link #WARMUP_TIME} as set, seconds, 0 = off or not set. */
  public double warmupSeconds() {
    return seconds(WARMUP_TIME);
  }

  /**
   * {@link #WARMUP_TIME} of one test, seconds: as set, else {@value #DEFAULT_WARMUP_TIME} when the
   * test measures time or scheduling and 0 when it does not.
   */
  public double warmupSeconds(boolean measuresTime) {
    return string(WARMUP_TIME).isPresent() || !measuresTime ? seconds(WARMUP_TIME)
        : duration(WARMUP_TIME, DEFAULT_WARMUP_TIME);
  }

  /** {@link #MEASURE_TIME} as set, seconds, 0 = off or not set. */
  public double measureSeconds() {
    return seconds(MEASURE_TIME);
  }

  /**
   * {@link #MEASURE_TIME} of one test, seconds: as set, else {@value #DEFAULT_MEASURE_TIME} when
   * the test measures time or scheduling and 0 when it does not.
   */
  public double measureSeconds(boolean measuresTime) {
    return string(MEASURE_TIME).isPresent() || !measuresTime ? seconds(MEASURE_TIME)
        : duration(MEASURE_TIME, DEFAULT_MEASURE_TIME);
  }

  /** {@link #THRESHOLD}, percent. */
  public double threshold() {
    return nonNegative(THRESHOLD, DEFAULT_THRESHOLD);
  }

  /** {@link #VMEXIT_HOSTS}. */
  public List<String> vmexitHosts() {
    return list(VMEXIT_HOSTS);
  }

  /** {@link #HOSTS_DIR}. */
  public Path hostsDir() {
    return path(HOSTS_DIR, DEFAULT_HOSTS_DIR);
  }

  /** {@link #SIM_PROFILE}, or empty for the default profile. */
  public Optional<String> simProfile() {
    return string(SIM_PROFILE);
  }

  /** {@link #FORK_INDEX}: 0 in the test JVM, 1..N in a fork. */
  public int forkIndex() {
    return integer(FORK_INDEX, 0);
  }

  /** {@link #PLAIN_PASS}: whether this JVM is a test's plain pass. */
  public boolean plainPass() {
    return flag(PLAIN_PASS, false);
  }

  /** {@link #DEFER_BUDGETS}. */
  public boolean deferBudgets() {
    return flag(DEFER_BUDGETS, false);
  }

  /** What {@code origin} said for this lookup, for messages. */
  public String origin() {
    return reader.origin();
  }
}
