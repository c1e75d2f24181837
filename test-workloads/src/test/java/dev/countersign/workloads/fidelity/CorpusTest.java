package dev.countersign.workloads.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The corpus is what the fidelity table says it is: at least 30 tuning pairs, 8 held-out ones and 10 of the second held-out set, with distinct names, each
 * side repeatable, and both sides of a change computing the same result, except the pairs whose
 * change is the result's algorithm (another digest or checksum).
 */
class CorpusTest {

  /** Changes of the algorithm itself: the two sides compute different values by design. */
  static final Set<String> DIFFERENT_RESULT = Set.of("sha256-to-md5", "manual-checksum-to-crc32",
      "guava-murmur3-to-sha256", "codec-sha1hex-to-sha256hex");

  @Test
  void everyChangeComputesTheSameResultBeforeAndAfter() {
    assertTrue(Corpus.pairs().size() >= 30, Corpus.pairs().size() + " pairs");
    assertTrue(Corpus.heldOut().size() >= 8, Corpus.heldOut().size() + " held-out pairs");
    assertTrue(Corpus.secondHeldOut().size() >= 10,
        Corpus.secondHeldOut().size() + " pairs of the second held-out set");
    List<FidelityPair> pairs = new ArrayList<>(Corpus.pairs());
    pairs.addAll(Corpus.heldOut());
    pairs.addAll(Corpus.secondHeldOut());
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
