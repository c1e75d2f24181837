package dev.countersign.workloads.fidelity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collection choices. */
final class CollectionPairs {

  private CollectionPairs() {}

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("list-contains-to-set", "membership test in an ArrayList -> HashSet",
            () -> {
              List<Integer> list = new ArrayList<>();
              for (int v : Inputs.ints(500, 100_000, 1)) {
                list.add(v);
              }
              int[] probes = Inputs.ints(200, 100_000, 2);
              return () -> {
                long hits = 0;
                for (int p : probes) {
                  hits += list.contains(p) ? 1 : 0;
                }
                return hits;
              };
            },
            () -> {
              Set<Integer> set = new HashSet<>();
              for (int v : Inputs.ints(500, 100_000, 1)) {
                set.add(v);
              }
              int[] probes = Inputs.ints(200, 100_000, 2);
              return () -> {
                long hits = 0;
                for (int p : probes) {
                  hits += set.contains(p) ? 1 : 0;
                }
                return hits;
              };
            }),
        new FidelityPair("linkedlist-get-to-arraylist", "indexed loop over a LinkedList -> ArrayList",
            () -> indexedSum(new LinkedList<>()),
            () -> indexedSum(new ArrayList<>())),
        new FidelityPair("map-keyset-get-to-entryset", "keySet() + get(k) -> entrySet()",
            () -> {
              Map<String, Integer> m = wordCounts();
              return () -> {
                long s = 0;
                for (String k : m.keySet()) {
                  s += k.length() * (long) m.get(k);
                }
                return s;
              };
            },
            () -> {
              Map<String, Integer> m = wordCounts();
              return () -> {
                long s = 0;
                for (Map.Entry<String, Integer> e : m.entrySet()) {
                  s += e.getKey().length() * (long) e.getValue();
                }
                return s;
              };
            }),
        new FidelityPair("treemap-to-hashmap", "TreeMap -> HashMap for put and get",
            () -> putGet(new TreeMap<>()),
            () -> putGet(new HashMap<>())),
        new FidelityPair("arraylist-presized", "new ArrayList<>() -> new ArrayList<>(n)",
            () -> () -> fill(new ArrayList<>()),
            () -> () -> fill(new ArrayList<>(4096))),
        new FidelityPair("linkedlist-queue-to-arraydeque", "LinkedList as a queue -> ArrayDeque",
            () -> () -> queue(new LinkedList<>()),
            () -> () -> queue(new ArrayDeque<>())));
  }

  private static java.util.function.LongSupplier indexedSum(List<Integer> list) {
    for (int v : Inputs.ints(400, 1000, 3)) {
      list.add(v);
    }
    return () -> {
      long s = 0;
      for (int i = 0; i < list.size(); i++) {
        s += list.get(i);
      }
      return s;
    };
  }

  private static Map<String, Integer> wordCounts() {
    Map<String, Integer> m = new HashMap<>();
    for (String w : Inputs.words(2000, 4)) {
      m.merge(w, 1, Integer::sum);
    }
    return m;
  }

  private static java.util.function.LongSupplier putGet(Map<Integer, Integer> m) {
    int[] keys = Inputs.ints(2000, 1_000_000, 5);
    return () -> {
      m.clear();
      for (int k : keys) {
        m.put(k, k);
      }
      long s = 0;
      for (int k : keys) {
        s += m.get(k);
      }
      return s;
    };
  }

  private static long fill(List<Integer> list) {
    for (int i = 0; i < 4096; i++) {
      list.add(i);
    }
    return list.size();
  }

  private static long queue(java.util.Deque<Integer> q) {
    long s = 0;
    for (int i = 0; i < 2000; i++) {
      q.offer(i);
      if ((i & 3) == 3) {
        s += q.poll() + q.poll();
      }
    }
    while (!q.isEmpty()) {
      s += q.poll();
    }
    return s;
  }
}
