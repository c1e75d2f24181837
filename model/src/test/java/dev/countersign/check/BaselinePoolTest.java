package dev.countersign.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.results.BaselineStore;
import dev.countersign.results.Fixtures;
import dev.countersign.results.KernelCounting;
import dev.countersign.results.MeasuredCode;
import dev.countersign.results.MetricSeries;
import dev.countersign.results.RunConfiguration;
import dev.countersign.results.Source;
import dev.countersign.results.TestResult;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples a metric is judged against: only the runs that mean what the newest one does, each
 * run a group. (The report's plots read the same pool; they used to pool by source alone, and so
 * drew runs check had not compared against.)
 */
class BaselinePoolTest {

  @TempDir Path dir;

  private static TestResult faults(double perOp, KernelCounting kernel) {
    MetricSeries series = new MetricSeries("page-faults", Source.KERNEL, "count",
        Collections.nCopies(4, perOp), List.of(), List.of(), kernel, null, MeasuredCode.PLAIN);
    return new TestResult(TestResult.SCHEMA_VERSION, Fixtures.TEST,
        new RunConfiguration("perf", 2, 4, 1, 1, List.of()), Fixtures.environment(),
        List.of(series), List.of(), List.of(), List.of());
  }

  @Test
  void poolsOnlyTheRunsThatMeanWhatTheNewestDoes() {
    BaselineStore baselines = new BaselineStore(dir);
    baselines.promote(faults(2, KernelCounting.EXCLUDED), 3);
    baselines.promote(faults(5, KernelCounting.COUNTED), 3);
    baselines.promote(faults(6, KernelCounting.COUNTED), 3);

    BaselinePool pool = BaselinePool.of(baselines.read(Fixtures.TEST).orElseThrow(),
        "page-faults").orElseThrow();

    assertArrayEquals(new double[] {6, 6, 6, 6, 5, 5, 5, 5}, pool.values());
    assertArrayEquals(new int[] {0, 0, 0, 0, 100_000, 100_000, 100_000, 100_000}, pool.groups());
    assertEquals(KernelCounting.COUNTED, pool.latest().kernel());
    assertTrue(BaselinePool.of(baselines.read(Fixtures.TEST).orElseThrow(), "instructions")
        .isEmpty());
  }
}
