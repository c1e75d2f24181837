package dev.countersign.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.EventCatalog;
import dev.countersign.sim.SimProbe;
import dev.countersign.sim.agent.CpuProfile;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the real agent (this JVM's {@code -javaagent}), the identity hash codes instrumented code
 * sees are deterministic (docs/simulator.md, "Determinism"): every measured invocation hands the
 * objects it hashes first the same codes, all the ways of asking agree, an object the JVM had
 * hashed keeps the JVM's code, and a class's own {@code hashCode} is left alone. Across JVMs:
 * {@link SimulatedCountsMain}'s {@code identityHashes} workload in the fixture's forks.
 */
class IdentityHashCodesTest {

  @BeforeAll
  static void agentIsAttached() {
    RealAgent.assumeAttached();
  }

  /** The codes of twelve new objects (plain, arrays, without a hashCode of their own), measured. */
  private static List<Integer> codesInAMeasuredInvocation() {
    SimProbe probe = new SimProbe(List.of(EventCatalog.parse("instructions")),
        CpuProfile.zen4Server());
    List<Integer> codes = new ArrayList<>();
    try {
      probe.begin();
      for (int i = 0; i < 4; i++) {
        codes.add(System.identityHashCode(new Object()));
        codes.add(new int[i].hashCode());
        codes.add(new Plain().hashCode());
      }
      probe.end(new double[1], new double[1]);
    } finally {
      probe.close();
    }
    return codes;
  }

  private static class Plain {}

  private static class PlainChild extends Plain {
    /** super.hashCode() resolved in Plain, which has none of its own: Object's. */
    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }

  private static final class OwnHash {
    @Override
    public int hashCode() {
      return 42;
    }
  }

  @Test
  void everyMeasuredInvocationHandsOutTheSameCodes() {
    List<Integer> first = codesInAMeasuredInvocation();
    assertEquals(first, codesInAMeasuredInvocation());
    assertEquals(first, codesInAMeasuredInvocation());
    // well distributed: all different, spread over the 31 bits, never 0
    assertEquals(first.size(), new HashSet<>(first).size(), first.toString());
    assertTrue(first.stream().allMatch(c -> c > 0), first.toString());
    assertTrue(first.stream().anyMatch(c -> c > 1 << 30), first.toString());
    // outside a measured invocation the codes come from another stream
    assertNotEquals(first.get(0), System.identityHashCode(new Object()));
  }

  @Test
  void theWaysOfAskingAgree() {
    Object o = new Object();
    int code = System.identityHashCode(o);
    assertEquals(code, o.hashCode());
    assertEquals(code, Objects.hashCode(o)); // the JDK's call of o.hashCode()
    assertEquals(code, Objects.hash(o) - 31); // Arrays.hashCode in the JDK
    assertEquals(Integer.toHexString(code), o.toString().substring(o.toString().indexOf('@') + 1),
        "Object.toString formats the same code");
    PlainChild child = new PlainChild();
    assertEquals(System.identityHashCode(child), child.hashCode());
    assertEquals(System.identityHashCode(TimeUnit.SECONDS), TimeUnit.SECONDS.hashCode(),
        "an enum's hashCode (Object's, through Enum)");
    IdentityHashMap<Object, Integer> map = new IdentityHashMap<>();
    map.put(o, 1);
    map.put(child, 2);
    assertEquals(1, map.get(o));
    assertEquals(2, map.get(child));
  }

  @Test
  void anObjectTheJvmHashedFirstKeepsTheJvmsCode() throws Exception {
    Object o = new Object();
    // a reflective call runs the native Object.hashCode, no instrumented call site
    int jvm = (int) Object.class.getMethod("hashCode").invoke(o);
    assertEquals(jvm, System.identityHashCode(o));
    assertEquals(jvm, o.hashCode());
    Object p = new Object();
    Set<Object> set = new HashSet<>();
    set.add(p); // instrumented HashMap: our code
    int ours = System.identityHashCode(p);
    int jvmsOwn = (int) Object.class.getMethod("hashCode").invoke(p); // the JVM makes one now
    assertNotEquals(ours, jvmsOwn, "the code instrumented code sees is not the JVM's");
    assertEquals(ours, System.identityHashCode(p), "and stays after the JVM made its own");
    assertTrue(set.contains(p));
  }

  @Test
  void aClassWithItsOwnHashCodeIsLeftAlone() {
    assertEquals(42, new OwnHash().hashCode());
    assertEquals(42, Objects.hashCode(new OwnHash()));
    assertEquals("abc".hashCode(), Objects.hashCode("abc"));
    assertNotEquals(42, System.identityHashCode(new OwnHash()), "identityHashCode ignores it");
  }

  @Test
  void hashedObjectsAreNotKeptAlive() throws Exception {
    Object o = new Object();
    System.identityHashCode(o);
    WeakReference<Object> ref = new WeakReference<>(o);
    o = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(null, ref.get(), "the table holds its objects weakly");
  }

  /** Loaded a second time, by a loader of its own, in {@link #outsideCountingACodeDependsOnlyOnItsClass}. */
  public static final class Named {
    public Named() {}
  }

  /**
   * Outside counting, an object's code is the next of its class's stream (seeded by the class's
   * name), not of one stream for the JVM: the first {@code Named} of a second class loader gets
   * the code the first {@code Named} of this one got, though 1000 other objects were hashed
   * between them.
   */
  @Test
  void outsideCountingACodeDependsOnlyOnItsClass() throws Exception {
    int first = new Named().hashCode();
    for (int i = 0; i < 1000; i++) {
      new Object().hashCode();
      new Plain().hashCode();
    }
    java.net.URL classes = Named.class.getProtectionDomain().getCodeSource().getLocation();
    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
      Class<?> again = loader.loadClass(Named.class.getName());
      assertNotEquals(Named.class, again);
      Object other = again.getConstructor().newInstance();
      assertEquals(first, other.hashCode(), "the first code of a class of that name");
      assertNotEquals(first, again.getConstructor().newInstance().hashCode(), "then the next");
    }
  }

  /**
   * The agent's own objects keep the JVM's codes (what it hashes while it instruments a class
   * takes no code from the program); the program's own get the runtime's.
   */
  @Test
  void theAgentsOwnObjectsKeepTheJvmsCodes() throws Exception {
    var jvm = System.class.getMethod("identityHashCode", Object.class); // reflective: native
    Object own = dev.countersign.sim.agent.AgentOptions.parse(""); // a new record of the agent
    int seen = System.identityHashCode(own); // instrumented call site, first to ask
    assertEquals((int) jvm.invoke(null, own), seen);
    Object program = new Object();
    int ours = System.identityHashCode(program);
    assertNotEquals((int) jvm.invoke(null, program), ours);
  }
}
