package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.agent.CpuProfile;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reflective call costs the same in every invocation, however many ran before: JDK 17 would
 * generate a bytecode accessor at a method's 16th reflective call (inflation), about 72 000
 * instructions of counted JDK code in that one invocation; the agent turns inflation off
 * ({@code ReflectionInflation}). {@code MessageDigest.getInstance} makes such a call (the provider
 * instantiates the digest through {@code Constructor.newInstance}).
 */
class ReflectiveCallCountsTest {

  @BeforeAll
  static void agentIsAttached() {
    RealAgent.assumeAttached();
  }

  /** Instructions of each of {@code n} invocations of {@code work}. */
  private static List<Long> counts(int n, Callable<?> work) throws Exception {
    SimProbe probe = new SimProbe(List.of(EventCatalog.parse("instructions")),
        CpuProfile.zen4Server());
    double[] v = new double[1];
    double[] f = new double[1];
    List<Long> out = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        probe.begin();
        work.call();
        probe.end(v, f);
        out.add((long) v[0]);
      }
    } finally {
      probe.close();
    }
    return out;
  }

  private static void assertSameAfterTheFirst(List<Long> counts) {
    for (int i = 2; i < counts.size(); i++) {
      assertEquals(counts.get(1), counts.get(i), "invocation " + i + " of " + counts);
    }
  }

  @Test
  void messageDigestGetInstanceCostsTheSameEveryTime() throws Exception {
    byte[] data = new byte[256];
    // SHA-384: an algorithm no other test of this JVM asks for, so its constructor's reflective
    // calls start at zero here and pass the old threshold of 15
    assertSameAfterTheFirst(counts(40, () -> MessageDigest.getInstance("SHA-384").digest(data)));
  }

  @Test
  void methodInvokeCostsTheSameEveryTime() throws Exception {
    var method = ReflectiveCallCountsTest.class.getDeclaredMethod("target", int.class);
    assertSameAfterTheFirst(counts(40, () -> method.invoke(null, 7)));
  }

  static int target(int x) {
    return x * 3 + 1;
  }
}
