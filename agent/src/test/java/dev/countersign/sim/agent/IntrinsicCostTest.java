package dev.countersign.sim.agent;

import static dev.countersign.sim.agent.KnownBehaviourTest.measure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JIT intrinsics are counted by the documented per-byte model (Machine.bulkCopy/Fill/Compare):
 * {@code INTRINSIC_SETUP} instructions plus, per 32-byte step, 2 (copy, clone), 1 (fill) or 3
 * (equals); clones allocate. Each figure is the difference to an empty call, so only the
 * intrinsic's own cost remains.
 */
class IntrinsicCostTest {

  private static Class<?> intrinsics;

  @BeforeAll
  static void load() throws Exception {
    intrinsics = new InstrumentedLoader("simfixture.").loadClass("simfixture.Intrinsics");
  }

  private static long callCost() throws Throwable {
    return measure(intrinsics, "nothing", (Object) null).total(Counter.INSTRUCTIONS);
  }

  private static long model(long bytes, int perStep) {
    return Machine.INTRINSIC_SETUP + (bytes + 31) / 32 * perStep;
  }

  @Test
  void cloneCostsPerByteAndAllocatesTheCopy() throws Throwable {
    long call = callCost();
    for (int n : new int[] {0, 1, 1000, 4096}) {
      Machine m = measure(intrinsics, "cloneInts", (Object) new int[n]);
      // besides the empty method: invokevirtual clone (6) and checkcast int[] (4)
      assertEquals(6 + 4 + model(4L * n, 2), m.total(Counter.INSTRUCTIONS) - call,
          "clone of int[" + n + "]");
      assertEquals(ObjectShapes.arraySize(int[].class, n), m.total(Counter.ALLOC_BYTES));
    }
    // a 64 KiB copy reads 1024 lines: every one a miss of the cold L1D
    Machine big = measure(intrinsics, "cloneInts", (Object) new int[16_384]);
    assertTrue(big.total(Counter.L1D_LOAD_MISSES) >= 1024, "" + big.total(Counter.L1D_LOAD_MISSES));
  }

  @Test
  void arraycopyFillAndEqualsFollowTheModel() throws Throwable {
    long call = callCost();
    long[] src = new long[1000];
    // besides the empty method: the invokestatic (4); argument loads and constants weigh 0
    int invoke = 4;
    assertEquals(invoke + model(8L * 1000, 2),
        measure(intrinsics, "copy", src, new long[1000], 1000).total(Counter.INSTRUCTIONS) - call);
    assertEquals(invoke + model(8L * 10, 2),
        measure(intrinsics, "copy", src, new long[1000], 10).total(Counter.INSTRUCTIONS) - call);
    assertEquals(invoke + model(500, 1),
        measure(intrinsics, "fillBytes", new byte[1000], 100, 600).total(Counter.INSTRUCTIONS)
            - call);
    // ... and ldc2_w 1.5 (1)
    assertEquals(invoke + 1 + model(8L * 300, 1),
        measure(intrinsics, "fillDoubles", (Object) new double[300]).total(Counter.INSTRUCTIONS)
            - call);
    int[] a = new int[256];
    int[] b = new int[256];
    long sameCall = measure(intrinsics, "same", a, a).total(Counter.INSTRUCTIONS);
    long equal = measure(intrinsics, "same", a, b).total(Counter.INSTRUCTIONS);
    int[] early = new int[256];
    early[3] = 1;
    long mismatch = measure(intrinsics, "same", a, early).total(Counter.INSTRUCTIONS);
    // the identical array is not read; equal arrays are read whole; a mismatch at 3 reads 4 ints
    assertEquals(model(4L * 256, 3) - model(0, 3), equal - sameCall);
    assertEquals(model(16, 3) - model(0, 3), mismatch - sameCall);
  }

  @Test
  void aCopyThatThrowsIsNotCountedAsOne() throws Throwable {
    java.lang.reflect.Method copy =
        intrinsics.getMethod("copy", long[].class, long[].class, int.class);
    Machine m = Machine.create(dev.countersign.sim.agent.CpuProfile.zen4Server());
    m.begin();
    Throwable thrown = null;
    try {
      copy.invoke(null, new long[4], new long[4], 5);
    } catch (java.lang.reflect.InvocationTargetException e) {
      thrown = e.getCause();
    } finally {
      m.end();
    }
    assertEquals(ArrayIndexOutOfBoundsException.class, thrown.getClass());
    // the method's only block ends at its return, which is never reached: nothing at all counted
    assertEquals(0, m.total(Counter.INSTRUCTIONS));
  }
}
