package dev.countersign.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSensitiveMetricsTest {

  @Test
  void timeSchedulingAndTimerDrivenExitsAreTimeSensitive() {
    for (String m : new String[] {"task-clock", "context-switches", "cpu-migrations", "gc-time",
        "cycles", "power:cpu_idle", "sched:sched_switch", "vmexit.intel-kvm-default.HLT",
        "vmexit.amd-kvm-default.EXTERNAL_INTERRUPT", "vmexit.intel-kvm-default.PREEMPTION_TIMER",
        "vmexit.intel-kvm-default.overhead-ns", "page-faults", "minor-faults", "major-faults"}) {
      assertTrue(TimeSensitiveMetrics.isTimeOrScheduling(m), m);
    }
  }

  @Test
  void faultsSayTheyDependOnTheHeap() {
    assertTrue(TimeSensitiveMetrics.dependsOn("page-faults").startsWith("the heap's history"));
    assertTrue(TimeSensitiveMetrics.dependsOn("task-clock").equals("time and scheduling"));
  }

  @Test
  void countsOfWorkAreNot() {
    for (String m : new String[] {"instructions", "branches", "alloc-bytes",
        "msr:write_msr", "vmexit.intel-kvm-default.EPT_VIOLATION",
        "vmexit.intel-kvm-default.MSR_WRITE"}) {
      assertFalse(TimeSensitiveMetrics.isTimeOrScheduling(m), m);
    }
  }
}
