package dev.countersign.workloads.fidelity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Streams against loops, and boxing. */
final class StreamAndBoxingPairs {

  private StreamAndBoxingPairs() {}

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("intstream-sum-to-loop", "IntStream.map(..).sum() -> a for loop",
            () -> {
              int[] a = Inputs.ints(5000, 1000, 20);
              return () -> IntStream.of(a).map(x -> x * x).sum();
            },
            () -> {
              int[] a = Inputs.ints(5000, 1000, 20);
              return () -> {
                int s = 0;
                for (int x : a) {
                  s += x * x;
                }
                return s;
              };
            }),
        new FidelityPair("stream-filter-collect-to-loop",
            "list.stream().filter(..).map(..).collect(toList()) -> a loop",
            () -> {
              List<String> w = List.of(Inputs.words(1000, 21));
              return () -> w.stream().filter(s -> s.length() > 5).map(String::length)
                  .collect(Collectors.toList()).size();
            },
            () -> {
              List<String> w = List.of(Inputs.words(1000, 21));
              return () -> {
                List<Integer> out = new ArrayList<>();
                for (String s : w) {
                  if (s.length() > 5) {
                    out.add(s.length());
                  }
                }
                return out.size();
              };
            }),
        new FidelityPair("stream-groupingby-to-map-merge",
            "Collectors.groupingBy(.., counting()) -> HashMap.merge in a loop",
            () -> {
              List<String> w = List.of(Inputs.words(1000, 22));
              return () -> w.stream().collect(Collectors.groupingBy(String::length,
                  Collectors.counting())).size();
            },
            () -> {
              List<String> w = List.of(Inputs.words(1000, 22));
              return () -> {
                Map<Integer, Long> m = new HashMap<>();
                for (String s : w) {
                  m.merge(s.length(), 1L, Long::sum);
                }
                return m.size();
              };
            }),
        new FidelityPair("boxed-list-sum-to-int-array", "sum of a List<Integer> -> of an int[]",
            () -> {
              List<Integer> l = new ArrayList<>();
              for (int v : Inputs.ints(5000, 1000, 23)) {
                l.add(v);
              }
              return () -> {
                long s = 0;
                for (Integer v : l) {
                  s += v;
                }
                return s;
              };
            },
            () -> {
              int[] a = Inputs.ints(5000, 1000, 23);
              return () -> {
                long s = 0;
                for (int v : a) {
                  s += v;
                }
                return s;
              };
            }),
        new FidelityPair("boxed-accumulator-to-primitive", "Long total += x -> long total += x",
            () -> {
              int[] a = Inputs.ints(5000, 100_000, 24);
              return () -> {
                Long total = 0L;
                for (int v : a) {
                  total += v;
                }
                return total;
              };
            },
            () -> {
              int[] a = Inputs.ints(5000, 100_000, 24);
              return () -> {
                long total = 0L;
                for (int v : a) {
                  total += v;
                }
                return total;
              };
            }),
        new FidelityPair("boxed-histogram-to-int-array",
            "HashMap<Integer, Integer> histogram -> int[] histogram",
            () -> {
              int[] a = Inputs.ints(5000, 256, 25);
              return () -> {
                Map<Integer, Integer> h = new HashMap<>();
                for (int v : a) {
                  h.merge(v, 1, Integer::sum);
                }
                return h.get(7) == null ? 0 : h.get(7);
              };
            },
            () -> {
              int[] a = Inputs.ints(5000, 256, 25);
              return () -> {
                int[] h = new int[256];
                for (int v : a) {
                  h[v]++;
                }
                return h[7];
              };
            }));
  }
}
