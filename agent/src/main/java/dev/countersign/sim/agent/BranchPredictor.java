package dev.countersign.sim.agent;

import java.util.Arrays;

/**
 * A gshare predictor (McFarling, "Combining Branch Predictors", DEC WRL TN-36, 1993): a table of
 * 2-bit saturating counters indexed by the branch site's hash XOR the global history of outcomes.
 * Switches go through an indirect-target table indexed the same way, predicting the target seen
 * last; their outcome's low bit enters the history.
 */
final class BranchPredictor {

  private final int mask;
  private final byte[] counters;
  private final int[] targets;
  private int history;

  BranchPredictor(int indexBits) {
    this.mask = (1 << indexBits) - 1;
    this.counters = new byte[1 << indexBits];
    this.targets = new int[1 << Math.min(indexBits, 14)];
    clear();
  }

  /** Predicts and trains a conditional branch; true when the prediction was wrong. */
  boolean conditional(int site, boolean taken) {
    int i = (site ^ history) & mask;
    int c = counters[i];
    boolean miss = (c >= 2) != taken;
    if (taken) {
      if (c < 3) {
        counters[i] = (byte) (c + 1);
      }
    } else if (c > 0) {
      counters[i] = (byte) (c - 1);
    }
    history = ((history << 1) | (taken ? 1 : 0)) & mask;
    return miss;
  }

  /** Predicts and trains a switch on {@code key}; true when the target was mispredicted. */
  boolean indirect(int site, int key) {
    int i = (site ^ (history * 0x9E3779B1)) & (targets.length - 1);
    int stored = key + 1 == 0 ? Integer.MIN_VALUE : key + 1;
    boolean miss = targets[i] != stored;
    targets[i] = stored;
    history = ((history << 1) | (key & 1)) & mask;
    return miss;
  }

  /** Forgets everything: weakly-not-taken counters, empty history. */
  void clear() {
    Arrays.fill(counters, (byte) 1);
    Arrays.fill(targets, 0);
    history = 0;
  }
}
