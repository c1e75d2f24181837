package dev.countersign.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Splits sample indices by group label (baseline run, fork). */
final class Groups {

  private Groups() {}

  /**
   * The indices of each group, groups in ascending label order, indices ascending within a group.
   *
   * @param groups one label per value, or an empty array meaning one group of all values
   */
  static int[][] members(int size, int[] groups) {
    if (groups.length == 0) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return new int[][] {all};
    }
    Map<Integer, List<Integer>> byLabel = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      byLabel.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
    }
    int[][] out = new int[byLabel.size()][];
    int k = 0;
    for (List<Integer> idx : byLabel.values()) {
      out[k++] = idx.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}
