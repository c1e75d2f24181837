package dev.countersign.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.BaselineStore;
import dev.countersign.results.Fixtures;
import dev.countersign.results.JsonFiles;
import dev.countersign.results.JvmAgent;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import dev.countersign.results.VmExitFeed;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline and a run whose numbers mean different things (kernel mode counted or not, the
 * VM-exit feed, other JVM agents) are INCOMPARABLE with the reason and the fix, never an
 * IMPROVEMENT; files written before the meaning was recorded are read with the old meaning and
 * said so once.
 */
class MetricIdentityTest {

  private static final List<JvmAgent> JACOCO =
      List.of(new JvmAgent(JvmAgent.Kind.JAVAAGENT, "org.jacoco.agent-runtime"));

  @TempDir Path dir;
  ResultStore results;
  BaselineStore baselines;

  @BeforeEach
  void stores() {
    results = new ResultStore(dir.resolve("results"));
    baselines = new BaselineStore(dir.resolve("baselines"));
  }

  private CheckRow row(String metric) {
    CheckReport report = new Check(Comparators.standard())
        .run(results, baselines, CheckSettings.defaults());
    return report.rows().stream().filter(r -> r.metric().equals(metric)).findFirst()
        .orElseThrow(() -> new AssertionError(report.rows().toString()));
  }

  private static TestResult result(String mode, List<JvmAgent> agents, MetricSeries series) {
    return new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration(mode, 5, series.perOp().size(), 1, 1, agents),
        Fixtures.environment(), List.of(series), List.of(), List.of(), List.of());
  }

  private static MetricSeries faults(double perOp, KernelCounting kernel) {
    return faults(perOp, kernel, MeasuredCode.PLAIN);
  }

  private static MetricSeries faults(double perOp, KernelCounting kernel, MeasuredCode code) {
    return new MetricSeries("page-faults", Source.KERNEL, "count",
        Collections.nCopies(10, perOp), List.of(), List.of(), kernel, null, code);
  }

  private static MetricSeries msrWrites(double perOp, VmExitFeed feed) {
    return new MetricSeries("vmexit.intel-kvm-default.MSR_WRITE", Source.MODEL, "count",
        Collections.nCopies(10, perOp), List.of(), List.of(), null, feed,
        feed == VmExitFeed.PERF ? MeasuredCode.PLAIN : null);
  }

  private static TestResult simulated(String jdk, double perOp) {
    return simulated(jdk, perOp, List.of());
  }

  private static TestResult simulated(String jdk, double perOp, List<JvmAgent> agents) {
    MetricSeries instructions = new MetricSeries("instructions", Source.SIM, "count",
        Collections.nCopies(10, perOp), List.of(), List.of(), null, null);
    return new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("sim", 5, 10, 1, 1, agents, jdk),
        Fixtures.environment(), List.of(instructions), List.of(), List.of(), List.of());
  }

  @Test
  void simulatedCountsOfAnotherJdkAreIncomparable() {
    baselines.promote(simulated("Eclipse Adoptium 25+36-LTS", 1000), 3);
    results.write(simulated("Debian 17.0.15+6-Debian-1deb12u1", 800));
    CheckRow row = row("instructions");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().startsWith("baseline simulated on Eclipse Adoptium 25+36-LTS, this run on"
        + " Debian 17.0.15+6-Debian-1deb12u1"), row.note());
  }

  @Test
  void simulatedCountsOfTheSameJdkAreCompared() {
    baselines.promote(simulated("Debian 17.0.15+6-Debian-1deb12u1", 1000), 3);
    results.write(simulated("Debian 17.0.15+6-Debian-1deb12u1", 1200));
    assertEquals(Verdict.REGRESSION, row("instructions").verdict());
  }

  @Test
  void simulatedCountsIgnoreJaCoCoWhoseProbesTheSimulatorDoesNotCount() {
    String jdk = "Debian 17.0.15+6-Debian-1deb12u1";
    baselines.promote(simulated(jdk, 1000, List.of()), 3);
    results.write(simulated(jdk, 1200, JACOCO));
    assertEquals(Verdict.REGRESSION, row("instructions").verdict());
  }

  @Test
  void simulatedCountsOfAnUnknownAgentAreIncomparable() {
    String jdk = "Debian 17.0.15+6-Debian-1deb12u1";
    baselines.promote(simulated(jdk, 1000, JACOCO), 3);
    results.write(simulated(jdk, 1000,
        List.of(new JvmAgent(JvmAgent.Kind.JAVAAGENT, "opentelemetry-javaagent"))));
    CheckRow row = row("instructions");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().startsWith("baseline ran with no other JVM agent, this run with agents"
        + " -javaagent opentelemetry-javaagent"), row.note());
  }

  @Test
  void simulatedCountsFromBeforeTheJdkWasCountedAreIncomparable() {
    baselines.promote(simulated(null, 1000), 3);
    results.write(simulated("Debian 17.0.15+6-Debian-1deb12u1", 5000));
    CheckRow row = row("instructions");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("before the simulator counted JDK and library code"),
        row.note());
  }

  /** Simulated cycles and instructions of one run, cycles under {@code cyclesModel}. */
  private static TestResult simulatedCycles(String cyclesModel, double perOp) {
    String jdk = "Debian 17.0.15+6-Debian-1deb12u1";
    List<Double> v = Collections.nCopies(10, perOp);
    MetricSeries cycles = new MetricSeries("cycles", Source.SIM, "count", v, List.of(), List.of(),
        null, null, null, cyclesModel);
    MetricSeries instructions = new MetricSeries("instructions", Source.SIM, "count", v,
        List.of(), List.of(), null, null);
    return new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("sim", 5, 10, 1, 1, List.of(), jdk),
        Fixtures.environment(), List.of(cycles, instructions), List.of(), List.of(), List.of());
  }

  @Test
  void simulatedCyclesFromBeforeTheJitModelAreIncomparableButInstructionsAreCompared() {
    baselines.promote(simulatedCycles(null, 1000), 3);
    results.write(simulatedCycles("jit-inlining-1", 800));
    CheckRow cycles = row("cycles");
    assertEquals(Verdict.INCOMPARABLE, cycles.verdict());
    assertTrue(cycles.note().startsWith("baseline simulated with the cost model of the bytecode as"
        + " written"), cycles.note());
    assertTrue(cycles.note().contains("this run with 'jit-inlining-1'"), cycles.note());
    assertTrue(cycles.note().contains("'mvn countersign:baseline'"), cycles.note());
    // instructions count the bytecode executed under either: still compared
    assertEquals(Verdict.IMPROVEMENT, row("instructions").verdict());
  }

  @Test
  void simulatedCyclesOfTheSameCostModelAreCompared() {
    baselines.promote(simulatedCycles("jit-inlining-1", 1000), 3);
    results.write(simulatedCycles("jit-inlining-1", 1200));
    assertEquals(Verdict.REGRESSION, row("cycles").verdict());
  }

  @Test
  void userModeOnlyIsNotAnImprovementOverKernelCounted() {
    baselines.promote(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)), 3);
    results.write(result("auto", List.of(), faults(0, KernelCounting.EXCLUDED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().startsWith("baseline counted user+kernel mode, this run user-mode"
        + " only"), row.note());
    assertTrue(row.note().contains("kernel.perf_event_paranoid=1"), row.note());
    assertTrue(row.note().contains("'mvn countersign:baseline'"), row.note());
  }

  @Test
  void simFeedEstimatesAreNotComparedWithThePerfFeeds() {
    baselines.promote(result("sim", List.of(), msrWrites(0.92, VmExitFeed.SIM)), 3);
    results.write(result("auto", List.of(), msrWrites(0.013, VmExitFeed.PERF)));
    CheckRow row = row("vmexit.intel-kvm-default.MSR_WRITE");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("from the sim feed, this run's from the perf feed"),
        row.note());
    assertTrue(row.note().contains("-Dcountersign.mode=sim"), row.note());
  }

  @Test
  void anotherAgentMakesEveryMetricIncomparable() {
    MetricSeries alloc = new MetricSeries("alloc-bytes", Source.JVM, "bytes",
        Collections.nCopies(10, 64.0)).withCode(MeasuredCode.PLAIN);
    baselines.promote(result("auto", List.of(), alloc), 3);
    results.write(result("auto", JACOCO, alloc));
    CheckRow row = row("alloc-bytes");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("baseline ran with no other JVM agent, this run with agents"
        + " -javaagent org.jacoco.agent-runtime"), row.note());
    assertTrue(row.note().contains("-Djacoco.skip=true"), row.note());
  }

  @Test
  void sameMeaningIsComparedAsBefore() {
    baselines.promote(result("auto", JACOCO, faults(1024, KernelCounting.EXCLUDED)), 3);
    results.write(result("auto", JACOCO, faults(1024, KernelCounting.EXCLUDED)));
    assertEquals(Verdict.UNCHANGED, row("page-faults").verdict());
  }

  @Test
  void onlyRunsOfTheNewestRunsMeaningArePooled() {
    baselines.promote(result("auto", List.of(), faults(0, KernelCounting.EXCLUDED)), 3);
    baselines.promote(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)), 3);
    results.write(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.UNCHANGED, row.verdict(), row.toString());
    assertEquals(1024, row.baseline());
  }

  /**
   * A baseline as written before kernel counting and agents were recorded: one run at {@code
   * perf_event_paranoid} {@code paranoid}, {@code faults} page faults per op, and, when {@code
   * withTracepoint}, a tracepoint series beside them.
   */
  private void oldBaseline(String paranoid, double faults, boolean withTracepoint)
      throws Exception {
    Path file = baselines.fileOf(Fixtures.TEST);
    Files.createDirectories(file.getParent());
    String tracepoint = withTracepoint ? """
        , {"name": "sched:sched_switch", "source": "tracepoint", "unit": "count",
           "perOp": [2.0, 2.0, 2.0], "fractionCounted": [], "fork": []}""" : "";
    Files.writeString(file, """
        {"schemaVersion": 1,
         "test": {"className": "com.example.QueuePerfTest", "methodName": "offerPoll",
                  "displayName": "offerPoll()"},
         "runs": [{"configuration": {"mode": "auto", "warmup": 5, "iterations": 3,
                                     "opsPerInvocation": 1, "forks": 1},
                   "environment": {"os": "Linux amd64", "kernel": "6.1", "cpuModel": "x",
                                   "cpus": 2, "virtualization": "vm", "jvm": "17",
                                   "extra": {%s}},
                   "metrics": [{"name": "page-faults", "source": "kernel", "unit": "count",
                                "perOp": [%s, %s, %s], "fractionCounted": [],
                                "fork": []}%s]}]}
        """.formatted(paranoid == null ? "" : "\"perf_event_paranoid\": \"" + paranoid + "\"",
        faults, faults, faults, tracepoint));
  }

  @Test
  void anOldBaselineAtParanoidOneIsReadAsKernelCountedAndSaidSoOnce() throws Exception {
    oldBaseline("1", 1024, false);
    results.write(result("auto", List.of(), faults(1024, KernelCounting.COUNTED,
        MeasuredCode.INSTRUMENTED)));
    assertEquals(Verdict.UNCHANGED, row("page-faults").verdict());
    String note = MetricIdentity.oldBaselinesNote(baselines.readAll()).orElseThrow();
    assertTrue(note.startsWith("1 baseline(s) were recorded before"), note);
    assertTrue(note.contains("kernel mode counted where the file shows it"), note);
    assertTrue(note.contains("time and kernel metrics on instrumented code"), note);

    results.write(result("auto", List.of(),
        faults(0, KernelCounting.EXCLUDED, MeasuredCode.INSTRUMENTED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().contains("(not recorded in this old baseline: read as kernel mode"
        + " counted (perf_event_paranoid was 1))"), row.note());
  }

  @Test
  void anOldBaselineThatCountedTracepointsWasPrivilegedSoKernelCounted() throws Exception {
    oldBaseline("2", 1024, true);
    results.write(result("auto", List.of(), faults(1024, KernelCounting.COUNTED,
        MeasuredCode.INSTRUMENTED)));
    assertEquals(Verdict.UNCHANGED, row("page-faults").verdict());
  }

  /**
   * The case the old reading got wrong: recorded unprivileged at paranoid 2 (user mode only: 0
   * faults, as the file does not say), checked by a privileged run (1,024). Read as kernel
   * counted it was judged a +∞ REGRESSION; an improvement hidden by the kernel's share would have
   * passed as UNCHANGED. Unknown is compared with neither counting.
   */
  @Test
  void anOldBaselineWhoseKernelCountingCannotBeToldIsComparedWithNothing() throws Exception {
    oldBaseline("2", 0, false);
    results.write(result("auto", List.of(), faults(1024, KernelCounting.COUNTED,
        MeasuredCode.INSTRUMENTED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.INCOMPARABLE, row.verdict(), row.toString());
    assertTrue(row.note().startsWith("baseline was recorded before Countersign recorded whether"
        + " kernel mode was counted, and nothing in it tells (perf_event_paranoid 2, where that"
        + " depended on the user's privilege, and no tracepoint counted): it may hold user-mode"
        + " counts only, so it is not compared with this run's user+kernel mode counts."),
        row.note());
    assertTrue(row.note().contains("Re-record the baseline with 'mvn countersign:baseline'"),
        row.note());

    results.write(result("auto", List.of(), faults(0, KernelCounting.EXCLUDED,
        MeasuredCode.INSTRUMENTED)));
    assertEquals(Verdict.INCOMPARABLE, row("page-faults").verdict());
    oldBaseline(null, 0, false);
    CheckRow unrecorded = row("page-faults");
    assertEquals(Verdict.INCOMPARABLE, unrecorded.verdict());
    assertTrue(unrecorded.note().contains("(perf_event_paranoid not recorded,"),
        unrecorded.note());
    assertTrue(MetricIdentity.oldBaselinesNote(baselines.readAll()).orElseThrow()
        .contains("a metric whose kernel counting is unknown, is INCOMPARABLE"));
  }

  @Test
  void aFreshRunPromotedOverAnUnknownOneIsComparedAndTheUnknownIsNotPooled() throws Exception {
    oldBaseline("2", 0, false);
    baselines.promote(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)), 3);
    results.write(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.UNCHANGED, row.verdict(), row.toString());
    assertEquals(1024, row.baseline());
  }

  @Test
  void anOldTaskClockMeasuredUnderTheAgentIsNotComparedWithOneOnPlainCode() throws Exception {
    Path file = baselines.fileOf(Fixtures.TEST);
    Files.createDirectories(file.getParent());
    // an old auto-mode baseline: task-clock of the instrumented code, 50x the plain code's
    Files.writeString(file, """
        {"schemaVersion": 1,
         "test": {"className": "com.example.QueuePerfTest", "methodName": "offerPoll",
                  "displayName": "offerPoll()"},
         "runs": [{"configuration": {"mode": "auto", "warmup": 5, "iterations": 3,
                                     "opsPerInvocation": 1, "forks": 1, "agents": []},
                   "environment": {"os": "Linux amd64", "kernel": "6.1", "cpuModel": "x",
                                   "cpus": 2, "virtualization": "vm", "jvm": "17", "extra": {}},
                   "metrics": [{"name": "task-clock", "source": "kernel", "unit": "ns",
                                "perOp": [294.0, 295.0, 293.0], "fractionCounted": [],
                                "fork": [], "kernel": "counted"}]}]}
        """);
    results.write(result("auto", List.of(), new MetricSeries("task-clock", Source.KERNEL, "ns",
        Collections.nCopies(10, 5.5), List.of(), List.of(), KernelCounting.COUNTED, null,
        MeasuredCode.PLAIN)));
    CheckRow row = row("task-clock");
    assertEquals(Verdict.INCOMPARABLE, row.verdict(), "never a 98% IMPROVEMENT");
    assertTrue(row.note().startsWith("baseline measured code instrumented by the simulator's"
        + " agent (not recorded in this old baseline: read as measured on instrumented code),"
        + " this run plain code (no simulator agent)"), row.note());
    assertTrue(row.note().contains("'mvn countersign:baseline'"), row.note());
    assertTrue(MetricIdentity.oldBaselinesNote(baselines.readAll()).isPresent());
  }

  @Test
  void plainAndInstrumentedValuesAreNeverCompared() {
    baselines.promote(result("auto", List.of(), faults(3, KernelCounting.COUNTED)), 3);
    results.write(result("sim", List.of(),
        faults(900, KernelCounting.COUNTED, MeasuredCode.INSTRUMENTED)));
    CheckRow row = row("page-faults");
    assertEquals(Verdict.INCOMPARABLE, row.verdict());
    assertTrue(row.note().startsWith("baseline measured plain code (no simulator agent), this"
        + " run code instrumented by the simulator's agent"), row.note());
    assertTrue(row.note().contains("mode auto or perf"), row.note());

    results.write(result("sim", List.of(),
        faults(900, KernelCounting.COUNTED, MeasuredCode.INSTRUMENTED)));
    baselines.promote(result("sim", List.of(),
        faults(900, KernelCounting.COUNTED, MeasuredCode.INSTRUMENTED)), 3);
    assertEquals(Verdict.UNCHANGED, row("page-faults").verdict(),
        "instrumented against instrumented (sim mode both times) is compared");
  }

  @Test
  void anOldJmhValueWasMeasuredOnPlainCodeAndTheSimulatorsOwnHaveNoCode() {
    MetricSeries score = new MetricSeries("score", Source.JVM, "us/op", List.of(1.0));
    MetricIdentity jmh = MetricIdentity.of(score, new RunConfiguration("jmh-avgt", 5, 1, 1, 1),
        Fixtures.environment(), List.of(score));
    assertEquals(MeasuredCode.PLAIN, jmh.code());
    assertEquals(List.of("measured on plain code", "no other JVM agent"), jmh.assumed());
    MetricSeries simulated = new MetricSeries("instructions", Source.SIM, "count", List.of(1.0));
    RunConfiguration current = new RunConfiguration("auto", 5, 1, 1, 1, List.of());
    assertEquals(null, MetricIdentity.of(simulated, current, Fixtures.environment(),
        List.of(simulated)).code());
    assertEquals(null, MetricIdentity.of(msrWrites(1, VmExitFeed.SIM), current,
        Fixtures.environment(), List.of()).code());
  }

  @Test
  void anOldAutoRunWithTheOldPerfFeedInputsWasEstimatedFromThePerfFeed() {
    List<MetricSeries> old = new java.util.ArrayList<>();
    for (String input : List.of("msr:write_msr[msr == 0x6e0]", "ipi:ipi_send_cpu",
        "ipi:ipi_send_cpumask", "sched:sched_switch[prev_state == 1 || prev_state == 2]",
        "exceptions:page_fault_user")) {
      old.add(new MetricSeries(input, Source.TRACEPOINT, "count", List.of(0.0)));
    }
    old.add(new MetricSeries("task-clock", Source.KERNEL, "ns", List.of(1.0)));
    RunConfiguration legacy = new RunConfiguration("auto", 5, 1, 1, 1);
    MetricIdentity read = MetricIdentity.of(msrWrites(1, null), legacy, Fixtures.environment(), old);
    assertEquals(VmExitFeed.PERF, read.feed());
    assertTrue(read.assumed().contains("the perf feed"), read.assumed().toString());
    // inputs added to the feed later (sched:sched_waking) are not asked of old files
    assertEquals(VmExitFeed.SIM,
        MetricIdentity.of(msrWrites(1, null), legacy, Fixtures.environment(),
            old.subList(1, old.size())).feed());
    assertEquals(VmExitFeed.SIM, MetricIdentity.of(msrWrites(1, null),
        new RunConfiguration("sim", 5, 1, 1, 1), Fixtures.environment(), old).feed());
  }

  @Test
  void baselinesThatRecordTheMeaningNeedNoNote() {
    baselines.promote(result("auto", List.of(), faults(1024, KernelCounting.COUNTED)), 3);
    assertTrue(MetricIdentity.oldBaselinesNote(baselines.readAll()).isEmpty());
  }

  @Test
  void theMeaningIsWrittenOnlyWhereItApplies() {
    TestResult r = new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("auto", 5, 1, 1, 1, JACOCO), Fixtures.environment(),
        List.of(faults(1, KernelCounting.EXCLUDED), msrWrites(1, VmExitFeed.PERF),
            new MetricSeries("alloc-bytes", Source.JVM, "bytes", List.of(1.0))),
        List.of(), List.of(), List.of());
    String json = JsonFiles.toJson(r);
    assertTrue(json.contains("\"kernel\" : \"excluded\""), json);
    assertTrue(json.contains("\"feed\" : \"perf\""), json);
    assertTrue(json.contains("\"kind\" : \"javaagent\""), json);
    // only on the perf_event_open series (the environment's "kernel" is the release)
    assertEquals(1, json.split("\"kernel\" : \"(excluded|counted)\"", -1).length - 1, json);
    assertEquals(1, json.split("\"feed\"", -1).length - 1, json);
    // page-faults and the perf feed's estimate: plain; alloc-bytes of this fixture records none
    assertEquals(2, json.split("\"code\" : \"plain\"", -1).length - 1, json);
    Path file = results.write(r);
    assertEquals(r, new ResultStore(file.getParent()).readAll().get(0));
    assertFalse(JsonFiles.toJson(Fixtures.result(List.of(1.0))).contains("\"agents\""));
  }
}
