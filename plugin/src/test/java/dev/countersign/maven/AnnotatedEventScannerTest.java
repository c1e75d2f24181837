package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.perf.AnnotatedEvents;
import dev.countersign.perf.Doctor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
