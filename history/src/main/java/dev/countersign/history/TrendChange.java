package dev.countersign.history;

import dev.countersign.changepoint.ChangePoint;

/**
 * A change point of a trend, attributed to the commits between the last build before it and the
 * first build at the new level.
 *
 * @param point the change point ({@link ChangePoint#index()} is the position in the trend)
 * @param lastBefore the last build at the old level
 * @param first the first build at the new level
 * @param regression whether the change is for the worse (a cost rose, a throughput fell)
 * @param open whether the latest builds are still at least the minimum magnitude away from the
 *     level before the change, in its direction: not undone by a later change
 */
public record TrendChange(ChangePoint point, BuildInfo lastBefore, BuildInfo first,
    boolean regression, boolean open) {

  /** {@code abc123..def456}: the commits that may have caused it (git's range notation). */
  public String commitRange() {
    return lastBefore.shortCommit() + ".." + first.shortCommit();
  }
}
