/**
 * Statistics: comparison of a baseline and a current sample set per metric (ratio of medians with a
 * seeded bootstrap interval, Mann–Whitney rank-sum test, exact path for deterministic metrics),
 * multiple-testing correction across one build, budget judging, warm-up trend checks, and the
 * {@link dev.countersign.stats.Verdict}s they give. No I/O; see docs/statistics.md.
 */
package dev.countersign.stats;
