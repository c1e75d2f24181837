package dev.countersign.stats;

import java.util.SplittableRandom;

/**
 * Seeds derived from names, so that a bootstrap over the same inputs draws the same resamples in
 * every build and on every machine: a verdict never depends on the time of day.
 */
public final class Seeds {

  private Seeds() {}

  /** A 64-bit seed from the given parts (FNV-1a over their characters, then mixed). */
  public static long of(String... parts) {
    long h = 0xcbf29ce484222325L;
    for (String part : parts) {
      for (int i = 0; i < part.length(); i++) {
        h = (h ^ part.charAt(i)) * 0x100000001b3L;
      }
      // a separator that no char produces, so ("ab","c") and ("a","bc") differ
      h = (h ^ 0x1_0000L) * 0x100000001b3L;
    }
    // FNV leaves the high bits weak for short inputs; one SplitMix step spreads them
    return new SplittableRandom(h).nextLong();
  }
}
