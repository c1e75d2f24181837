package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.agent.CpuProfile;
import dev.countersign.sim.agent.SimRuntime;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-element cost models of natives whose work no bytecode shows (docs/simulator.md,
 * "Per-element cost models"), with the real agent (the JDK instrumented): an exception's stack
 * walk costs per frame of the thread's stack, a digest per block of its algorithm. Each figure is
 * a difference of two sizes, so everything that does not grow with the size cancels out and the
 * difference is exactly the model's per-element cost.
 */
class NativeCostModelTest {

  /** {@code StackWalkCost.PER_FRAME}. */
  private static final long PER_FRAME = 156;

  @BeforeAll
  static void agentIsAttached() {
    assumeTrue(SimRuntime.installed() || SimRuntime.agentProblem() != null,
        "the agent is not attached (run 'mvn verify'; see prepare-agent's warning)");
    assertTrue(SimRuntime.installed(), "the agent is attached but off: " + SimRuntime.agentProblem());
  }

  private static long instructions(LongSupplier work) {
    SimProbe probe = new SimProbe(List.of(EventCatalog.parse("instructions")),
        CpuProfile.zen4Server());
    double[] v = new double[1];
    double[] f = new double[1];
    try {
      for (int i = 0; i < 3; i++) { // the last of three: one-time work done
        probe.begin();
        work.getAsLong();
        probe.end(v, f);
      }
    } finally {
      probe.close();
    }
    return (long) v[0];
  }

  private static long below(int depth, boolean exception) {
    if (depth > 0) {
      return below(depth - 1, exception) + 1;
    }
    return exception ? new IllegalStateException().getClass().getName().length() : 0;
  }

  @Test
  void anExceptionCostsPerFrameOfTheStackItIsCreatedOn() {
    long shallow = instructions(() -> below(10, true)) - instructions(() -> below(10, false));
    long deep = instructions(() -> below(110, true)) - instructions(() -> below(110, false));
    assertTrue(shallow > 10 * PER_FRAME, "the walk of the whole stack: " + shallow);
    assertEquals(100 * PER_FRAME, deep - shallow, "100 frames more");
  }

  @Test
  void aDigestCostsPerBlockOfItsAlgorithm() throws Exception {
    byte[] small = new byte[4096];
    byte[] large = new byte[65536];
    new Random(7).nextBytes(large);
    System.arraycopy(large, 0, small, 0, small.length);
    long[] perBlock = new long[3];
    String[] algorithms = {"SHA-1", "SHA-256", "MD5"};
    // DigestCost: instructions per 32 bytes, two steps per 64-byte block
    long[] expected = {2 * 124, 2 * 132, 2 * 311};
    for (int k = 0; k < algorithms.length; k++) {
      MessageDigest d = MessageDigest.getInstance(algorithms[k]);
      long a = instructions(() -> d.digest(small)[0]);
      long b = instructions(() -> d.digest(large)[0]);
      assertEquals(0, (b - a) % 960, algorithms[k] + ": a multiple of the 960 blocks more");
      perBlock[k] = (b - a) / 960;
    }
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(perBlock),
        "per block: SHA-1 < SHA-256 < MD5, as JMH measures them");
  }
}
