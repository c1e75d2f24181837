package dev.countersign.workloads.fidelity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Sorting, BigDecimal and exceptions. */
final class SortDecimalExceptionPairs {

  private SortDecimalExceptionPairs() {}

  /** An exception that does not fill in its stack trace (a preallocated-style signal). */
  static final class Cheap extends RuntimeException {
    Cheap() {
      super(null, null, false, false);
    }
  }

  static List<FidelityPair> pairs() {
    return List.of(
        new FidelityPair("sort-boxed-to-primitive", "Arrays.sort(Integer[]) -> Arrays.sort(int[])",
            () -> {
              int[] a = Inputs.ints(3000, 1_000_000, 40);
              return () -> {
                Integer[] b = new Integer[a.length];
                for (int i = 0; i < a.length; i++) {
                  b[i] = a[i];
                }
                Arrays.sort(b);
                return b[a.length / 2];
              };
            },
            () -> {
              int[] a = Inputs.ints(3000, 1_000_000, 40);
              return () -> sortedMiddle(a);
            }),
        new FidelityPair("insertion-sort-to-arrays-sort",
            "a hand-written insertion sort -> Arrays.sort",
            () -> {
              int[] a = Inputs.ints(1500, 1_000_000, 41);
              return () -> {
                int[] b = a.clone();
                for (int i = 1; i < b.length; i++) {
                  int v = b[i];
                  int j = i - 1;
                  while (j >= 0 && b[j] > v) {
                    b[j + 1] = b[j];
                    j--;
                  }
                  b[j + 1] = v;
                }
                return b[b.length / 2];
              };
            },
            () -> {
              int[] a = Inputs.ints(1500, 1_000_000, 41);
              return () -> sortedMiddle(a);
            }),
        new FidelityPair("comparator-chain-to-explicit",
            "Comparator.comparing(..).thenComparing(..) -> an explicit compare",
            () -> {
              List<String> w = List.of(Inputs.words(2000, 42));
              Comparator<String> c = Comparator.comparing(String::length)
                  .thenComparing(Comparator.naturalOrder());
              return () -> sortedMiddle(w, c);
            },
            () -> {
              List<String> w = List.of(Inputs.words(2000, 42));
              Comparator<String> c = (x, y) -> {
                int d = Integer.compare(x.length(), y.length());
                return d != 0 ? d : x.compareTo(y);
              };
              return () -> sortedMiddle(w, c);
            }),
        new FidelityPair("bigdecimal-to-long-cents", "sum of prices in BigDecimal -> long cents",
            () -> {
              int[] cents = Inputs.ints(3000, 100_000, 43);
              BigDecimal[] prices = new BigDecimal[cents.length];
              for (int i = 0; i < cents.length; i++) {
                prices[i] = BigDecimal.valueOf(cents[i], 2);
              }
              return () -> {
                BigDecimal total = BigDecimal.ZERO;
                for (BigDecimal p : prices) {
                  total = total.add(p.multiply(BigDecimal.valueOf(3)));
                }
                return total.unscaledValue().longValue();
              };
            },
            () -> {
              int[] cents = Inputs.ints(3000, 100_000, 43);
              return () -> {
                long total = 0;
                for (int c : cents) {
                  total += c * 3L;
                }
                return total;
              };
            }),
        new FidelityPair("bigdecimal-divide-scale-to-setscale-once",
            "divide(.., 10, HALF_EVEN) per item -> scale once at the end",
            () -> {
              BigDecimal[] v = decimals();
              BigDecimal seven = BigDecimal.valueOf(7);
              return () -> {
                BigDecimal total = BigDecimal.ZERO;
                for (BigDecimal x : v) {
                  total = total.add(x.divide(seven, 10, RoundingMode.HALF_EVEN));
                }
                return total.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValue();
              };
            },
            () -> {
              BigDecimal[] v = decimals();
              BigDecimal seven = BigDecimal.valueOf(7);
              return () -> {
                BigDecimal total = BigDecimal.ZERO;
                for (BigDecimal x : v) {
                  total = total.add(x);
                }
                return total.divide(seven, 2, RoundingMode.HALF_EVEN).unscaledValue().longValue();
              };
            }),
        new FidelityPair("parse-catch-to-precheck",
            "Integer.parseInt in try/catch on mixed input -> a digit check first",
            () -> {
              String[] w = Inputs.numbersAndWords(1000, 45);
              return () -> {
                long s = 0;
                for (String x : w) {
                  try {
                    s += Integer.parseInt(x);
                  } catch (NumberFormatException e) {
                    s--;
                  }
                }
                return s;
              };
            },
            () -> {
              String[] w = Inputs.numbersAndWords(1000, 45);
              return () -> {
                long s = 0;
                for (String x : w) {
                  if (!x.isEmpty() && x.chars().allMatch(Character::isDigit)) {
                    s += Integer.parseInt(x);
                  } else {
                    s--;
                  }
                }
                return s;
              };
            }),
        new FidelityPair("stack-trace-exception-to-cheap",
            "throw new IllegalStateException(..) -> an exception without a stack trace",
            () -> () -> {
              long s = 0;
              for (int i = 0; i < 200; i++) {
                try {
                  deep(8, true);
                } catch (IllegalStateException e) {
                  s++;
                }
              }
              return s;
            },
            () -> () -> {
              long s = 0;
              for (int i = 0; i < 200; i++) {
                try {
                  deep(8, false);
                } catch (Cheap e) {
                  s++;
                }
              }
              return s;
            }));
  }

  private static int deep(int n, boolean withTrace) {
    if (n == 0) {
      throw withTrace ? new IllegalStateException("no") : new Cheap();
    }
    return deep(n - 1, withTrace) + 1;
  }

  /** The median of a sorted copy of {@code a}, sorted by {@code Arrays.sort}. */
  private static long sortedMiddle(int[] a) {
    int[] b = a.clone();
    Arrays.sort(b);
    return b[b.length / 2];
  }

  private static long sortedMiddle(List<String> w, Comparator<String> c) {
    List<String> copy = new ArrayList<>(w);
    copy.sort(c);
    return copy.get(copy.size() / 2).hashCode();
  }

  private static BigDecimal[] decimals() {
    int[] cents = Inputs.ints(1000, 1_000_000, 44);
    BigDecimal[] v = new BigDecimal[cents.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = BigDecimal.valueOf(cents[i], 2);
    }
    return v;
  }
}
