package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.check.Check;
import dev.countersign.check.CheckReport;
import dev.countersign.check.CheckRow;
import dev.countersign.check.CheckSettings;
import dev.countersign.results.BaselineStore;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.ResultStore;
import dev.countersign.results.TestResult;
import dev.countersign.stats.Comparators;
import dev.countersign.stats.Samples;
import dev.countersign.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether kernel mode was counted is part of what a count means. A workload that takes all its
 * page faults inside {@code read()} is measured for real by root and by {@code nobody} at {@code
 * perf_event_paranoid} 2: 1,024 faults per op against 0. A baseline recorded by the first and a
 * run of the second are INCOMPARABLE, with the reason and the fix (before, the row said
 * IMPROVEMENT -100%); the unprivileged doctor says page-faults are user-mode only.
 */
class KernelCountingMeaningTest {

  @Test
  void aBaselineCountingKernelModeIsNotComparedWithAUserModeOnlyRun(@TempDir Path baselines)
      throws Exception {
    try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
      Path asRoot = jvm.scratch().resolve("root");
      Path asNobody = jvm.scratch().resolve("nobody");
      Files.createDirectories(asNobody);
      Files.setPosixFilePermissions(asNobody,
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      jvm.runAsRoot(2, KernelFaultsMain.class, asRoot.toString());
      String nobodyOutput = jvm.runAsNobody(2, KernelFaultsMain.class, asNobody.toString());

      MetricSeries counted = faults(asRoot);
      MetricSeries userOnly = faults(asNobody);
      assertEquals(KernelCounting.COUNTED, counted.kernel());
      assertEquals(KernelCounting.EXCLUDED, userOnly.kernel());
      // the same workload: every page faulted in, but only in kernel mode
      assertTrue(Samples.median(counted.values()) >= KernelFaultsMain.PAGES, counted.toString());
      assertTrue(Samples.median(userOnly.values()) < 10, userOnly.toString());

      BaselineStore store = new BaselineStore(baselines);
      store.promote(new ResultStore(asRoot).readAll().get(0), 3);
      CheckReport report = new Check(Comparators.standard())
          .run(new ResultStore(asNobody), store, CheckSettings.defaults());
      CheckRow row = report.rows().stream().filter(r -> r.metric().equals("page-faults"))
          .findFirst().orElseThrow();
      assertEquals(Verdict.INCOMPARABLE, row.verdict(), row.toString());
      assertTrue(row.verdict().failsBuild());
      assertTrue(row.note().contains("baseline counted user+kernel mode, this run user-mode only"),
          row.note());
      assertTrue(row.note().contains("sudo sysctl -w kernel.perf_event_paranoid=1"), row.note());
      assertTrue(row.note().contains("mvn countersign:baseline"), row.note());

      String doctorFaults = nobodyOutput.lines()
          .filter(l -> l.startsWith("DOCTOR ") && l.contains(" page-faults "))
          .findFirst().orElseThrow(() -> new AssertionError(nobodyOutput));
      assertTrue(doctorFaults.contains("supported") && doctorFaults.contains("user-mode only"),
          doctorFaults);
    }
  }

  private static MetricSeries faults(Path results) {
    TestResult r = new ResultStore(results).readAll().get(0);
    return r.metric("page-faults").orElseThrow(() -> new AssertionError(r.toString()));
  }
}
