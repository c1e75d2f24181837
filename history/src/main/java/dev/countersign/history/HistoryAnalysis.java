package dev.countersign.history;

import dev.countersign.changepoint.ChangePoint;
import dev.countersign.changepoint.ChangePointSettings;
import dev.countersign.changepoint.EDivisive;
import dev.countersign.settings.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a module's trends from the store and finds their change points.
 *
 * @param changePoints how change points are detected
 * @param builds how many of the latest builds each trend covers; at least 2
 * @param branch only builds of this branch, or all
 */
public record HistoryAnalysis(ChangePointSettings changePoints, int builds,
    Optional<String> branch) {

  /** Setting: builds per trend. */
  public static final String BUILDS_KEY = Settings.HISTORY_BUILDS;
  /** Default of {@value #BUILDS_KEY}. */
  public static final int DEFAULT_BUILDS = Settings.DEFAULT_HISTORY_BUILDS;

  public HistoryAnalysis {
    if (builds < 2) {
      throw new IllegalArgumentException(BUILDS_KEY + " is " + builds
          + "; a trend needs at least 2 builds. Default " + DEFAULT_BUILDS);
    }
    branch = branch == null ? Optional.empty() : branch;
  }

  /** Every trend of the module with its change points. */
  public List<Trend> analyse(HistoryStore store, String module) throws HistoryException {
    List<Trend> trends = new ArrayList<>();
    for (Map.Entry<SeriesKey, List<TrendPoint>> e : store.trends(module, builds, branch)
        .entrySet()) {
      trends.add(trend(e.getKey(), e.getValue()));
    }
    return trends;
  }

  /** The change points of one trend's points, attributed to commit ranges. */
  public Trend trend(SeriesKey key, List<TrendPoint> points) {
    double[] values = points.stream().mapToDouble(TrendPoint::median).toArray();
    List<ChangePoint> found = new EDivisive(changePoints).detect(values);
    List<TrendChange> changes = new ArrayList<>();
    double latest = found.isEmpty() ? Double.NaN : found.get(found.size() - 1).meanAfter();
    for (ChangePoint p : found) {
      boolean worse = key.higherIsBetter() ? p.meanAfter() < p.meanBefore()
          : p.meanAfter() > p.meanBefore();
      ChangePoint still = new ChangePoint(p.index(), p.meanBefore(), latest, p.pValue());
      boolean sameWay = (latest > p.meanBefore()) == (p.meanAfter() > p.meanBefore());
      boolean open = sameWay && still.magnitude() >= changePoints.minMagnitude();
      changes.add(new TrendChange(p, points.get(p.index() - 1).build(),
          points.get(p.index()).build(), worse, open));
    }
    return new Trend(key, points, changes);
  }

  /** The open change points of all trends: regressions first, then the largest first. */
  public static List<TrendOpenChange> open(List<Trend> trends) {
    List<TrendOpenChange> open = new ArrayList<>();
    for (Trend t : trends) {
      for (TrendChange c : t.changes()) {
        if (c.open()) {
          open.add(new TrendOpenChange(t.key(), c));
        }
      }
    }
    open.sort(Comparator.comparing((TrendOpenChange o) -> !o.change().regression())
        .thenComparing(o -> -o.change().point().magnitude())
        .thenComparing(o -> o.key().label()));
    return open;
  }

  /** An open change point and the trend it is in. */
  public record TrendOpenChange(SeriesKey key, TrendChange change) {}
}
