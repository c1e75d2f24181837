package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.perf.AnnotatedEvents;
import dev.countersign.perf.Doctor;
import dev.countersign.runner.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's scan of compiled test classes, on a real class file compiled with the annotations. */
class AnnotatedEventScannerTest {

  @TempDir Path classes;

  private Path sampleClasses() throws Exception {
    return classesOf(DoctorSampleWorkload.class);
  }

  private Path classesOf(Class<?> sample) throws Exception {
    String file = sample.getName().replace('.', '/') + ".class";
    Path source = Path.of(sample.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(file);
    Path target = classes.resolve(file);
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
    return classes;
  }

  @Test
  void scannerFindsEveryAnnotatedMetricIncludingRepeatedAndDefaults() throws Exception {
    AnnotatedEvents scan = new AnnotatedEventScanner().scan(sampleClasses());
    assertEquals(1, scan.classFiles());
    assertEquals(List.of(), scan.problems());
    assertEquals(new TreeSet<>(Set.of("cycles", "timer:hrtimer_start", "page-faults",
        "instructions", "alloc-bytes", "vmexit.amd-kvm-default.MSR_WRITE", "task-clock",
        "context-switches", "no-such-event")), scan.events());
  }

  @Test
  void aSimulatedTestNamingNoMetricNeedsWhatTheSimulatorCounts() throws Exception {
    AnnotatedEvents scan = new AnnotatedEventScanner().scan(classesOf(DoctorSimSampleWorkload.class));
    assertEquals(List.of(), scan.problems());
    assertEquals(new TreeSet<>(Set.of("instructions", "page-faults", "alloc-bytes")), scan.events());
  }

  /** Each event carries the mode of the test naming it; countersign.mode overrides them all. */
  @Test
  void eachEventCarriesTheModeOfItsTest() throws Exception {
    AnnotatedEvents auto = new AnnotatedEventScanner().scan(sampleClasses());
    assertEquals(Set.of(Mode.AUTO), auto.modes().get("page-faults"));
    AnnotatedEvents forced = new AnnotatedEventScanner().scan(classes, Optional.of(Mode.SIM));
    assertEquals(Set.of(Mode.SIM), forced.modes().get("cycles"));
    // a test naming no event in mode sim gets the simulator's defaults
    assertTrue(forced.events().contains("instructions") && !forced.events().contains("task-clock"),
        forced.events().toString());
    // beside it, a test of mode sim that names no event: page-faults is asked for in both modes
    AnnotatedEvents both = new AnnotatedEventScanner().scan(classesOf(DoctorSimSampleWorkload.class));
    assertEquals(Set.of(Mode.AUTO, Mode.SIM), both.modes().get("page-faults"));
    assertEquals(Set.of(Mode.AUTO), both.modes().get("task-clock"), "the auto test's default");
  }

  /** The doctor on a real sim-mode test's class file: what the test will measure, the simulator. */
  @Test
  void doctorShowsTheSimulatorForASimTest() throws Exception {
    List<String> lines =
        Doctor.report(new AnnotatedEventScanner().scan(classesOf(DoctorSimSampleWorkload.class)));
    String faults = lines.stream().filter(l -> l.startsWith("  page-faults ")).findFirst()
        .orElseThrow(() -> new AssertionError(lines.toString()));
    assertTrue(faults.contains(" sim ") && faults.contains("sim: the simulator"), faults);
    assertTrue(!faults.contains("kernel"), faults);
  }

  @Test
  void scannerReportsAMissingDirectory() {
    AnnotatedEvents scan = new AnnotatedEventScanner().scan(classes.resolve("nope"));
    assertTrue(scan.problems().get(0).contains("test-compile"), scan.problems().toString());
  }

  @Test
  void doctorReportsTheScannedEvents() throws Exception {
    String text = String.join("\n", Doctor.report(new AnnotatedEventScanner().scan(sampleClasses())));
    assertTrue(text.contains("Events named in the annotations of " + classes + " (1 class files)"),
        text);
    assertTrue(text.contains("vmexit.amd-kvm-default.MSR_WRITE"), text);
    assertTrue(text.contains("no-such-event"), text);
  }
}
