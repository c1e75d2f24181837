package dev.countersign.changepoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the change points of a series of builds (one value per build, oldest first) in two passes,
 * after Hunter (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance
 * Regressions", ICPE 2023):
 *
 * <ol>
 *   <li>split: over overlapping windows of {@link ChangePointSettings#window()} builds, E-divisive
 *       means splits recursively at the largest E-statistic as long as the Student t test of the
 *       two sides is below the relaxed (weak) threshold;
 *   <li>merge: over the whole series, each candidate is tested against its neighbouring
 *       candidates; the weakest — the largest p-value above {@link ChangePointSettings#maxPValue()},
 *       else the smallest magnitude below {@link ChangePointSettings#minMagnitude()} — is dropped
 *       and its neighbours re-tested, until all that remain pass both.
 * </ol>
 *
 * <p>Deterministic: the same series and settings always give the same change points.
 */
public final class EDivisive {

  private final ChangePointSettings settings;

  public EDivisive(ChangePointSettings settings) {
    this.settings = settings;
  }

  /**
   * The change points of {@code series}, in order.
   *
   * @throws IllegalArgumentException when a value is NaN or infinite (naming its position)
   */
  public List<ChangePoint> detect(double[] series) {
    for (int i = 0; i < series.length; i++) {
      if (!Double.isFinite(series[i])) {
        throw new IllegalArgumentException("value " + i + " of the series is " + series[i]
            + ": change points need a finite value for every build");
      }
    }
    return merge(series, split(series));
  }

  private TreeSet<Integer> split(double[] series) {
    TreeSet<Integer> weak = new TreeSet<>();
    int n = series.length;
    int step = settings.window() / 2;
    int start = 0;
    while (start < n) {
      int end = Math.min(start + settings.window(), n);
      TreeSet<Integer> found = inWindow(series, start, end);
      weak.addAll(found);
      if (end == n) {
        break;
      }
      // the next window starts half a window on, or at the last change found if that is later,
      // so that a level is never split across two windows that both miss it
      start = found.isEmpty() ? start + step : Math.max(start + step, found.last());
    }
    return weak;
  }

  private TreeSet<Integer> inWindow(double[] series, int from, int to) {
    EnergyDivergence divergence = new EnergyDivergence(series, from, to);
    TreeSet<Integer> found = new TreeSet<>();
    // the best split of an interval does not change until the interval is split: by its start
    Map<Integer, EnergyDivergence.Split> bestOf = new HashMap<>();
    while (true) {
      EnergyDivergence.Split best = null;
      int bestFrom = 0;
      int bestTo = 0;
      int a = from;
      for (int b : boundsAfter(found, to)) {
        int end = b;
        EnergyDivergence.Split s = bestOf.computeIfAbsent(a, start -> divergence.best(start, end));
        if (s != null && (best == null || s.q() > best.q())) {
          best = s;
          bestFrom = a;
          bestTo = b;
        }
        a = b;
      }
      if (best == null || !(best.q() > 0)
          || StudentT.pValue(series, bestFrom, best.index(), bestTo) >= settings.weakPValue()) {
        return found;
      }
      found.add(best.index());
      bestOf.remove(bestFrom); // split into [bestFrom, index) and [index, bestTo): both new
    }
  }

  private static List<Integer> boundsAfter(TreeSet<Integer> points, int end) {
    List<Integer> bounds = new ArrayList<>(points);
    bounds.add(end);
    return bounds;
  }

  private List<ChangePoint> merge(double[] series, TreeSet<Integer> weak) {
    List<Integer> at = new ArrayList<>(weak);
    List<ChangePoint> points = new ArrayList<>();
    for (int k = 0; k < at.size(); k++) {
      points.add(test(series, at, k));
    }
    while (!points.isEmpty()) {
      int weakest = 0;
      for (int k = 1; k < points.size(); k++) {
        if (points.get(k).pValue() > points.get(weakest).pValue()) {
          weakest = k;
        }
      }
      if (points.get(weakest).pValue() < settings.maxPValue()) {
        for (int k = 0; k < points.size(); k++) {
          if (points.get(k).magnitude() < points.get(weakest).magnitude()) {
            weakest = k;
          }
        }
        if (points.get(weakest).magnitude() >= settings.minMagnitude()) {
          return points;
        }
      }
      at.remove(weakest);
      points.remove(weakest);
      // the neighbours on both sides now reach across the dropped point
      if (weakest > 0) {
        points.set(weakest - 1, test(series, at, weakest - 1));
      }
      if (weakest < points.size()) {
        points.set(weakest, test(series, at, weakest));
      }
    }
    return points;
  }

  private static ChangePoint test(double[] series, List<Integer> at, int k) {
    int from = k == 0 ? 0 : at.get(k - 1);
    int split = at.get(k);
    int to = k == at.size() - 1 ? series.length : at.get(k + 1);
    return new ChangePoint(split, StudentT.mean(series, from, split),
        StudentT.mean(series, split, to), StudentT.pValue(series, from, split, to));
  }
}
