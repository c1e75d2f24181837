package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.runner.Mode;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's report on this machine, checked against what the machine really is; under the
 * shared {@link ParanoidLock}, so that no test changes {@code perf_event_paranoid} between the
 * doctor's reading and this test's.
 */
@ExtendWith(ParanoidLock.Shared.class)
class DoctorTest {

  @TempDir Path classes;

  /** What the plugin's scanner finds in its DoctorSampleWorkload (AnnotatedEventScannerTest). */
  private AnnotatedEvents sampleClasses() {
    return AnnotatedEvents.auto(classes, Set.of("cycles", "timer:hrtimer_start", "page-faults",
        "instructions", "alloc-bytes", "vmexit.amd-kvm-default.MSR_WRITE", "task-clock",
        "context-switches", "no-such-event"), List.of(), 1);
  }

  @Test
  void reportDescribesThisMachineAndTheProjectsEvents() throws Exception {
    List<String> lines = Doctor.report(sampleClasses());
    String text = String.join("\n", lines);
    System.out.println(text);
    String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    assertTrue(text.contains("kernel:          " + kernel), text);
    String paranoid = Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip();
    assertTrue(text.contains("perf_event_paranoid: " + paranoid + " ("), text);
    PerfAccess access = PerfAccess.current();
    assertTrue(text.contains("CAP_PERFMON " + (access.capPerfmon() ? "yes" : "no")), text);
    boolean hypervisor = Files.readString(Path.of("/proc/cpuinfo")).contains(" hypervisor");
    assertTrue(text.contains("CPUID hypervisor bit " + (hypervisor ? "set" : "clear")), text);
    assertTrue(line(lines, "  software  page-faults").contains("supported"), text);
    line(lines, "  inherit + group reads: accepted");
    line(lines, "  software  9 of 9 available (kernel software events need no PMU");
    if (access.countsKernel()) {
      assertTrue(line(lines, "  trace     timer:hrtimer_start").contains(" supported "), text);
    }
    // this project's machines have no PMU: hardware is refused, with the errno and the reason
    boolean pmu = Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu"));
    if (!pmu) {
      assertTrue(line(lines, "  hardware  cycles").contains("unsupported ENOENT: no PMU event"),
          text);
      // ... but auto measures it with the simulator: doctor says so rather than "cannot"
      String cycles = line(lines, "  cycles ");
      assertTrue(cycles.contains(" sim ") && cycles.contains("auto: the simulator")
          && cycles.contains("ENOENT"), cycles);
      line(lines, "  hardware  0 of 5 available (ENOENT: no PMU event");
      // only the invalid name is left as "cannot be measured": cycles and instructions go to sim
      assertTrue(text.contains("1 of 9 events the tests name cannot be measured here"), text);
    }
    assertTrue(line(lines, "  page-faults ").contains("supported"), text);
    assertTrue(line(lines, "  alloc-bytes ").contains("jvm"), text);
    assertTrue(line(lines, "  vmexit.amd-kvm-default.MSR_WRITE").contains("VM-exit model"), text);
    assertTrue(line(lines, "  no-such-event").contains("invalid name: unknown event"), text);
  }

  /**
   * A test in mode sim measures with the simulator only (ProbeProviders.chain: the simulator,
   * then the JVM; never perf_event_open): its page-faults are the simulator's first touches, not the
   * kernel's, and its task-clock is never measured. The same event named by an auto test is
   * resolved as auto does, on its own line.
   */
  @Test
  void eventsOfASimTestAreResolvedAsModeSimMeasuresThem() {
    Map<String, Set<Mode>> modes = new TreeMap<>();
    modes.put("page-faults", EnumSet.of(Mode.AUTO, Mode.SIM));
    modes.put("instructions", EnumSet.of(Mode.SIM));
    modes.put("alloc-bytes", EnumSet.of(Mode.SIM));
    modes.put("gc-count", EnumSet.of(Mode.SIM));
    modes.put("task-clock", EnumSet.of(Mode.SIM));
    modes.put("vmexit.intel-kvm-default.HLT", EnumSet.of(Mode.SIM));
    List<String> lines = Doctor.report(new AnnotatedEvents(classes, modes, List.of(), 1));
    String text = String.join("\n", lines);
    List<String> faults = lines.stream().filter(l -> l.startsWith("  page-faults ")).toList();
    assertEquals(2, faults.size(), text);
    assertTrue(faults.get(0).contains(" kernel ") && faults.get(0).contains("auto: kernel"),
        faults.get(0));
    assertTrue(faults.get(1).contains(" sim ") && faults.get(1).contains("sim: the simulator")
        && !faults.get(1).contains("kernel,"), faults.get(1));
    assertTrue(line(lines, "  instructions ").contains(" sim "), text);
    assertTrue(line(lines, "  alloc-bytes ").contains(" sim "), text);
    assertTrue(line(lines, "  gc-count ").contains(" jvm "), text);
    assertTrue(line(lines, "  vmexit.intel-kvm-default.HLT").contains("feed sim"), text);
    String time = line(lines, "  task-clock ");
    assertTrue(time.contains("sim: unavailable: the simulator does not count it"), time);
    assertTrue(text.contains("1 of 7 events the tests name cannot be measured here"), text);
    assertTrue(text.contains("name it in a test of mode auto or perf"), text);
  }

  /** A test in mode perf has no simulator to fall back on: an event the kernel refuses is missing. */
  @Test
  void eventsOfAPerfTestHaveNoSimulatorFallback() {
    boolean pmu = Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu"));
    List<String> lines = Doctor.report(new AnnotatedEvents(classes,
        Map.of("cycles", EnumSet.of(Mode.PERF)), List.of(), 1));
    String cycles = line(lines, "  cycles ");
    if (!pmu) {
      assertTrue(cycles.contains("perf: ") && cycles.contains("ENOENT")
          && !cycles.contains("simulator"), cycles);
      assertTrue(lines.contains("1 of 1 events the tests name cannot be measured here. To enable"
          + " them:"), lines.toString());
    }
  }

  @Test
  void reportOnAMissingClassesDirectorySaysSoAndClaimsNothing() {
    Path missing = classes.resolve("target/test-classes");
    List<String> lines = Doctor.report(AnnotatedEvents.auto(missing, Set.of(), List.of(missing
        + " is not a directory of compiled classes (run mvn test-compile)"), 0));
    String text = String.join("\n", lines);
    assertTrue(text.contains("is not a directory of compiled classes (run mvn test-compile)"),
        text);
    assertTrue(text.contains("  none found"), text);
    assertTrue(!text.contains("All events the tests name can be measured"), text);
  }

  @Test
  void reportWithoutTestClassesStillDescribesTheMachine() {
    List<String> lines = Doctor.report(null);
    assertTrue(lines.stream().anyMatch(l -> l.contains("tracefs:")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("Events named")), lines.toString());
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + prefix + "' in " + lines));
  }
}
