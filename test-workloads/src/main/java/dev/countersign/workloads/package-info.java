/**
 * The sample suite's workloads: small programs with a known cost (allocation, page touches,
 * hand-offs, parks, spins) that the tests measure, and {@code Regressions}, which makes one of
 * them regress on demand.
 */
package dev.countersign.workloads;
