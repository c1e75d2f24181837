package dev.countersign.sim.agent;

import java.util.List;

/**
 * The guest-side causes of VM exits observed during one measured invocation — what the VM-exit
 * model turns into exits for a host profile. Produced by the simulator (with timestamps) or
 * assembled from tracepoint counts.
 *
 * @param spins runs of PAUSE instructions, in the order they happened
 * @param pagesFirstTouched 4 KiB guest pages touched for the first time (EPT-violation candidates)
 * @param ipisSent inter-processor interrupts sent (x2APIC ICR writes, MSR 0x830), excluding those
 *     counted in {@code tlbShootdowns}
 * @param tlbShootdowns TLB-shootdown IPIs sent to other CPUs (e.g. after {@code munmap}/{@code
 *     madvise} while other threads of the process run)
 * @param timerArms writes of the TSC-deadline MSR (0x6E0) arming the guest's clockevent
 * @param idleEntries times a vCPU went idle (HLT)
 * @param mmioKicks virtio-pci notifies through MMIO (EPT_MISCONFIG)
 * @param pioKicks port-I/O notifies (IO_INSTRUCTION)
 * @param hypercalls explicit hypercalls other than PV IPIs
 * @param runTimeNs time the vCPU ran guest code, ns
 */
public record GuestActivity(
    List<SpinEpisode> spins,
    long pagesFirstTouched,
    long ipisSent,
    long tlbShootdowns,
    long timerArms,
    long idleEntries,
    long mmioKicks,
    long pioKicks,
    long hypercalls,
    double runTimeNs) {

  public GuestActivity {
    spins = List.copyOf(spins);
  }

  /** No activity at all. */
  public static GuestActivity none() {
    return new GuestActivity(List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * A run of PAUSE instructions executed back to back (a spin-wait loop).
   *
   * @param startTsc TSC tick of the first PAUSE
   * @param pauses number of PAUSEs in the run
   * @param gapTicks TSC ticks between consecutive PAUSEs (the loop body's duration)
   * @param kernelMode true when executed at CPL 0 (only then does Intel PLE apply)
   */
  public record SpinEpisode(long startTsc, long pauses, long gapTicks, boolean kernelMode) {

    /** TSC ticks from the first to the last PAUSE. */
    public long durationTicks() {
      return pauses <= 1 ? 0 : (pauses - 1) * gapTicks;
    }
  }
}
