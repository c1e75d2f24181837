package dev.countersign.history;

import java.util.List;

/**
 * The last builds of one {@link SeriesKey}, oldest first, and their change points.
 *
 * @param key what the values are
 * @param points one per build
 * @param changes the change points, oldest first
 */
public record Trend(SeriesKey key, List<TrendPoint> points, List<TrendChange> changes) {

  public Trend {
    points = List.copyOf(points);
    changes = List.copyOf(changes);
  }
}
