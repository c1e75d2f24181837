package dev.countersign.sim.agent;

import java.util.List;
import java.util.Locale;

/**
 * Every parameter of the simulator's machine model. Counts are deterministic for a given profile;
 * counts of different profiles are different quantities (the profile name is part of the
 * environment a result was measured in).
 *
 * @param name profile name (system property {@code countersign.sim.profile})
 * @param coreGhz core clock while running, GHz: converts cycles to run time
 * @param tscGhz TSC rate, GHz: converts cycles to the TSC ticks of guest-event timestamps
 * @param baseCpi cycles per (weighted) instruction when nothing misses
 * @param l1d level-1 data cache
 * @param l2 level-2 (private) cache
 * @param llc last-level cache (the share one core sees)
 * @param dtlb first-level data TLB (4 KiB pages)
 * @param stlb second-level TLB; a miss here is a page walk, what perf's {@code dTLB-load-misses}
 *     counts on recent cores
 * @param l2HitCycles stall cycles of a load that misses L1D and hits L2
 * @param llcHitCycles stall cycles of a load that misses L2 and hits the LLC
 * @param memoryCycles stall cycles of a load that misses the LLC (DRAM)
 * @param stlbHitCycles stall cycles of a load that misses the first-level TLB and hits the STLB
 * @param pageWalkCycles stall cycles of a page walk (STLB miss)
 * @param branchMissCycles cycles lost per mispredicted branch
 * @param pauseCycles latency of one PAUSE instruction ({@code Thread.onSpinWait()})
 * @param predictorIndexBits log2 of the number of 2-bit counters of the gshare predictor; the
 *     global history has as many bits
 * @param prefetchDepth lines fetched ahead by the stream prefetcher once two consecutive lines
 *     missed L1D (0 = no prefetcher)
 * @param spinGapCycles largest gap between two PAUSEs of the same spin episode, cycles
 * @param pageBytes page size of the synthetic heap and of direct buffers, bytes
 * @param mmapThresholdBytes direct buffers at least this large are mapped fresh (glibc's default
 *     {@code M_MMAP_THRESHOLD}) and unmapped on release; smaller ones reuse malloc's arena
 * @param cpus CPUs of the guest: caps the TLB-shootdown IPIs of one unmap
 */
public record CpuProfile(
    String name,
    double coreGhz,
    double tscGhz,
    double baseCpi,
    CacheGeometry l1d,
    CacheGeometry l2,
    CacheGeometry llc,
    CacheGeometry dtlb,
    CacheGeometry stlb,
    int l2HitCycles,
    int llcHitCycles,
    int memoryCycles,
    int stlbHitCycles,
    int pageWalkCycles,
    int branchMissCycles,
    int pauseCycles,
    int predictorIndexBits,
    int prefetchDepth,
    long spinGapCycles,
    int pageBytes,
    long mmapThresholdBytes,
    int cpus) {

  /**
   * The setting selecting the profile, named in errors: the key {@code
   * dev.countersign.settings.Settings#SIM_PROFILE} (the agent depends on no other module; a test
   * of the engine keeps the two equal).
   */
  public static final String PROPERTY = "countersign.sim.profile";

  public CpuProfile {
    if (coreGhz <= 0 || tscGhz <= 0 || baseCpi <= 0) {
      throw new IllegalArgumentException("profile " + name + ": clock rates and CPI must be positive");
    }
    if (predictorIndexBits < 4 || predictorIndexBits > 24) {
      throw new IllegalArgumentException("profile " + name + ": predictorIndexBits must be 4..24");
    }
    if (Integer.bitCount(pageBytes) != 1) {
      throw new IllegalArgumentException("profile " + name + ": pageBytes must be a power of two");
    }
  }

  /**
   * The default: one core of an AMD Zen 4 server part (EPYC 9004 "Genoa"). Cache geometry from
   * AMD's Software Optimization Guide for Family 19h processors (pub. 57647: L1D 32 KiB 8-way, L2
   * 1 MiB 8-way, L3 32 MiB 16-way per CCD shared by 8 cores, 64-byte lines; L1 DTLB 72 entries, L2
   * DTLB 3072 entries); latencies rounded from Chips and Cheese's Zen 4 memory-subsystem
   * measurements (L2 ~14 cycles, L3 ~50, DRAM ~110 ns at 3.5 GHz); mispredict penalty ~13 cycles
   * (AMD guide, "branch misprediction penalty"). The TSC runs at the 2.4 GHz base clock. PAUSE
   * latency and the CPI of 0.5 (a typical IPC of 2 for JIT-compiled code) are estimates, not
   * measurements. The L1 DTLB is modelled 6-way (72 entries as 12 × 6) although the part is fully
   * associative.
   */
  public static CpuProfile zen4Server() {
    return new CpuProfile(
        "zen4-server",
        3.5,
        2.4,
        0.5,
        new CacheGeometry(32 * 1024, 8, 64),
        new CacheGeometry(1024 * 1024, 8, 64),
        new CacheGeometry(32L * 1024 * 1024, 16, 64),
        CacheGeometry.tlb(64, 4, 4096),
        CacheGeometry.tlb(2048, 16, 4096),
        14,
        50,
        385,
        7,
        30,
        13,
        64,
        16,
        4,
        2_000,
        4096,
        128 * 1024,
        16);
  }

  /**
   * One core of an Intel Sapphire Rapids server part (Golden Cove): L1D 48 KiB 12-way, L2 2 MiB
   * 16-way, LLC 1.875 MiB per core (modelled as a 16-core share: 32 MiB 16-way); L1 DTLB 64
   * entries 4-way, STLB 2048 entries 16-way (Intel Optimization Reference Manual, Golden Cove
   * chapter). PAUSE about 140 cycles on Skylake and later (same manual, §2.6.4 of the Skylake
   * chapter). DRAM ~120 ns at 3.0 GHz; TSC at the 2.0 GHz base clock.
   */
  public static CpuProfile sapphireRapidsServer() {
    return new CpuProfile(
        "sapphire-rapids-server",
        3.0,
        2.0,
        0.5,
        new CacheGeometry(48 * 1024, 12, 64),
        new CacheGeometry(2L * 1024 * 1024, 16, 64),
        new CacheGeometry(32L * 1024 * 1024, 16, 64),
        CacheGeometry.tlb(64, 4, 4096),
        CacheGeometry.tlb(2048, 16, 4096),
        16,
        70,
        360,
        7,
        30,
        17,
        140,
        16,
        4,
        2_000,
        4096,
        128 * 1024,
        16);
  }

  /** The named profiles. */
  public static List<CpuProfile> all() {
    return List.of(zen4Server(), sapphireRapidsServer());
  }

  /**
   * The profile of the given name ({@code null} or blank: the default).
   *
   * @throws IllegalArgumentException naming the valid profiles when the name is unknown
   */
  public static CpuProfile named(String name) {
    if (name == null || name.isBlank()) {
      return zen4Server();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (CpuProfile p : all()) {
      if (p.name().equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown simulator CPU profile '" + name + "' (property "
        + PROPERTY + "); valid profiles: " + all().stream().map(CpuProfile::name).toList());
  }

  /** Converts cycles to TSC ticks. */
  public long ticks(double cycles) {
    return (long) (cycles * tscGhz / coreGhz);
  }
}
