package dev.countersign.events;

/** The families of metric names Countersign understands. */
public enum EventKind {
  /** Generic PMU event ({@code cycles}, {@code instructions}, ...): PERF_TYPE_HARDWARE. */
  HARDWARE,
  /** PMU cache event ({@code L1-dcache-load-misses}, ...): PERF_TYPE_HW_CACHE. */
  HW_CACHE,
  /** Raw PMU event ({@code r01c2}, {@code cpu/event=0xc2,umask=0x01/}): PERF_TYPE_RAW. */
  RAW,
  /** Kernel software event ({@code task-clock}, {@code page-faults}, ...): PERF_TYPE_SOFTWARE. */
  SOFTWARE,
  /** Kernel tracepoint {@code subsystem:name}: PERF_TYPE_TRACEPOINT. */
  TRACEPOINT,
  /** Measured by the JVM itself ({@code alloc-bytes}, {@code gc-count}, {@code gc-time}). */
  JVM,
  /** Estimated VM exits {@code vmexit.<host>.<REASON>}, derived by the VM-exit model. */
  VMEXIT
}
