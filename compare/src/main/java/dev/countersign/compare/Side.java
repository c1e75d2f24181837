package dev.countersign.compare;

/** The two sides of an A/B comparison. */
public enum Side {
  /** The base revision, checked out into a temporary worktree. */
  A,
  /** This working tree, as it is (uncommitted changes included). */
  B
}
