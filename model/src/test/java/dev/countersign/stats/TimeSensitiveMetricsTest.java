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
        "vmexit.intel-kvm-default.overhead-ns"}) {
      assertTrue(TimeSensitiveMetrics.isTimeOrScheduling(m), m);
    }
  }

  @Test
  void countsOfWorkAreNot() {
    for (String m : new String[] {"instructions", "branches", "page-faults", "alloc-bytes",
        "msr:write_msr", "vmexit.intel-kvm-default.EPT_VIOLATION",
        "vmexit.intel-kvm-default.MSR_WRITE"}) {
      assertFalse(TimeSensitiveMetrics.isTimeOrScheduling(m), m);
    }
  }

  /** Run-dependent: time and scheduling, and page faults (the JVM's memory state); not work. */
  @Test
  void pageFaultsAreRunDependentWithoutMeasuringTime() {
    for (String m : new String[] {"task-clock", "page-faults", "minor-faults",
        "exceptions:page_fault_user"}) {
      assertTrue(TimeSensitiveMetrics.isRunDependent(m), m);
    }
    for (String m : new String[] {"instructions", "alloc-bytes", "msr:write_msr"}) {
      assertFalse(TimeSensitiveMetrics.isRunDependent(m), m);
    }
  }
}
