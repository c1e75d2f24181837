package dev.countersign.vmexit;

import dev.countersign.sim.agent.GuestActivity;

/**
 * A guest-side cause of VM exits, one per field of {@link GuestActivity}. A feed that cannot
 * observe a cause says so, and the exit reasons that depend on it are reported unavailable.
 */
public enum Cause {
  /** {@link GuestActivity#spins()}. */
  SPINS,
  /** {@link GuestActivity#pagesFirstTouched()}. */
  PAGES_FIRST_TOUCHED,
  /** {@link GuestActivity#ipisSent()}. */
  IPIS,
  /** {@link GuestActivity#tlbShootdowns()}. */
  TLB_SHOOTDOWNS,
  /** {@link GuestActivity#timerArms()}. */
  TIMER_ARMS,
  /** {@link GuestActivity#idleEntries()}. */
  IDLE_ENTRIES,
  /** {@link GuestActivity#mmioKicks()}. */
  MMIO_KICKS,
  /** {@link GuestActivity#pioKicks()}. */
  PIO_KICKS,
  /** {@link GuestActivity#hypercalls()}. */
  HYPERCALLS,
  /** {@link GuestActivity#runTimeNs()}. */
  RUN_TIME
}
