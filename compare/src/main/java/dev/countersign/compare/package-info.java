/**
 * Same-machine A/B against a git revision for the {@code
 * compare} goal: the base revision in a temporary git worktree ({@link
 * dev.countersign.compare.BaseWorktree}), rounds of both sides in fresh JVMs in a seeded order
 * ({@link dev.countersign.compare.Compare}), and the paired judgement of each metric ({@link
 * dev.countersign.compare.CompareJudge}) into {@code check}'s report form.
 */
package dev.countersign.compare;
