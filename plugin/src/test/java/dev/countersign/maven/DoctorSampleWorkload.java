package dev.countersign.maven;

import dev.countersign.junit.CounterBudget;
import dev.countersign.junit.ExitReason;
import dev.countersign.junit.MaxRegression;
import dev.countersign.junit.PerfTest;
import dev.countersign.junit.VmExitBudget;

/**
 * Annotated methods the doctor scans (as compiled class files; never run as tests: the name does
 * not match Surefire's test patterns).
 */
final class DoctorSampleWorkload {

  @PerfTest(events = {"cycles", "timer:hrtimer_start"})
  @CounterBudget(event = "page-faults", perOp = 1)
  @CounterBudget(event = "instructions", perOp = 100)
  @MaxRegression(event = "alloc-bytes", percent = 5)
  @VmExitBudget(reason = ExitReason.MSR_WRITE, perOp = 0.1, host = "amd-kvm-default")
  void budgets() {}

  @PerfTest
  void defaults() {}

  @PerfTest(events = "no-such-event")
  void invalid() {}
}
