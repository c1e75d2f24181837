package dev.countersign.workloads.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The corpus is what the fidelity table says it is: at least 30 pairs with distinct names, each
 * side repeatable, and both sides of a change computing the same result, except the pairs whose
 * change is the result's algorithm (another digest or checksum).
 */
class CorpusTest {

  /** Changes of the algorithm itself: the two sides compute different values by design. */
  static final Set<String> DIFFERENT_RESULT = Set.of("sha256-to-md5", "manual-checksum-to-crc32");

  @Test
  void everyChangeComputesTheSameResultBeforeAndAfter() {
    List<FidelityPair> pairs = Corpus.pairs();
    assertTrue(pairs.size() >= 30, pairs.size() + " pairs");
    Set<String> names = new HashSet<>();
    for (FidelityPair p : pairs) {
      assertTrue(names.add(p.name()), "two pairs called " + p.name());
      LongSupplier before = p.before().get();
      LongSupplier after = p.after().get();
      long b = before.getAsLong();
      long a = after.getAsLong();
      assertEquals(b, before.getAsLong(), p.name() + " before is not repeatable");
      assertEquals(a, after.getAsLong(), p.name() + " after is not repeatable");
      if (!DIFFERENT_RESULT.contains(p.name())) {
        assertEquals(b, a, p.name() + ": the change altered the result");
      }
    }
  }
}
