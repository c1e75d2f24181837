package dev.countersign.workloads.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * The fidelity corpus of docs/simulator.md: realistic before/after changes, in user code and in
 * how it uses the JDK and libraries, each measured by the simulator and by JMH
 * ({@code FidelityFiguresTest}, {@code FidelityBenchmark}).
 */
public final class Corpus {

  private Corpus() {}

  /** Every pair the cost model was tuned on (the tuning set), in table order. */
  public static List<FidelityPair> pairs() {
    List<FidelityPair> all = new ArrayList<>();
    all.addAll(CollectionPairs.pairs());
    all.addAll(StringPairs.pairs());
    all.addAll(StreamAndBoxingPairs.pairs());
    all.addAll(CopyAndHashPairs.pairs());
    all.addAll(SortDecimalExceptionPairs.pairs());
    all.addAll(LibraryPairs.pairs());
    return List.copyOf(all);
  }

  /**
   * The held-out set: pairs of library code nobody here wrote, never looked at while the model
   * was tuned ({@link HeldOutPairs}).
   */
  public static List<FidelityPair> heldOut() {
    return HeldOutPairs.pairs();
  }

  /**
   * The second held-out set: more libraries, written and measured with the cost model as it was
   * before the JIT model, never looked at while that was tuned ({@link SecondHeldOutPairs}).
   */
  public static List<FidelityPair> secondHeldOut() {
    return SecondHeldOutPairs.pairs();
  }

  /** The pair called {@code name}, of any set. */
  public static FidelityPair pair(String name) {
    return java.util.stream.Stream.of(pairs(), heldOut(), secondHeldOut()).flatMap(List::stream)
        .filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fidelity pair '" + name + "'"));
  }
}
