package com.example;

import dev.countersign.junit.*;
import java.util.ArrayDeque;

/** The README's annotated test; -Dquickstart.rounds=2 makes the workload do twice the work. */
class QueuePerfTest {

  private final int rounds = Integer.getInteger("quickstart.rounds", 1);
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();

  @PerfTest(warmup = 5, iterations = 20, opsPerInvocation = 1_000)   // is a @Test
  @CounterBudget(event = "alloc-bytes", perOp = 64)                 // absolute: fails the build at check
  @MaxRegression(event = "alloc-bytes", percent = 2.0)              // against the committed baseline
  void offerPoll() {
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 1_000; i++) { queue.offer(i); queue.poll(); }
    }
  }
}
