/**
 * The Linux {@code perf_event_open} engine: JNA binding (counter reads through FFM on JDK 22+)
 * behind the narrow {@link dev.countersign.perf.PerfSyscalls} interface, event encoding, counter
 * groups with multiplexing scaling, per-thread counting with {@code inherit}, tracepoints through
 * tracefs, and {@link dev.countersign.perf.Doctor}, which says what this machine can measure and
 * why not.
 */
package dev.countersign.perf;
