package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A method's blocks counted in its locals ({@link LocalBlockCounts}) reach the machine however
 * the method ends: the blocks an exception leaves pending are flushed by the catch-all handler,
 * those pending when a handler in the method catches go on counting there, once, as the runtime
 * call per block of a constructor (the reference) counts them: the method and the constructor
 * differ by their prologue and epilogue only, the same in both runs compared.
 */
class LocalBlockCountsTest {

  private static Class<?> workloads;
  private static Class<?> constructors;

  @BeforeAll
  static void load() throws Exception {
    InstrumentedLoader loader = new InstrumentedLoader("simfixture.");
    workloads = loader.loadClass("simfixture.Workloads");
    constructors = loader.loadClass("simfixture.InConstructor");
  }

  private static long[] counts(Machine m) {
    return new long[] {m.total(Counter.INSTRUCTIONS), m.total(Counter.BRANCHES)};
  }

  private static long[] method(String name, int[] a, int n) throws Throwable {
    try {
      return counts(KnownBehaviourTest.measure(workloads, name, a, n));
    } catch (ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Counts of {@code new InConstructor(args)}, whether or not it throws. */
  private static long[] constructor(Object... args) throws Exception {
    Class<?>[] types = args.length == 2 ? new Class<?>[] {int[].class, int.class}
        : new Class<?>[] {int[].class, int.class, boolean.class};
    Constructor<?> c = constructors.getConstructor(types);
    Machine machine = Machine.create(CpuProfile.zen4Server());
    machine.begin();
    try {
      c.newInstance(args);
    } catch (InvocationTargetException e) {
      assertEquals(ArrayIndexOutOfBoundsException.class, e.getCause().getClass());
    } finally {
      machine.end();
    }
    return counts(machine);
  }

  /** Counts of {@code sumFirst(a, n)} that throws, measured as a probe would. */
  private static long[] thrown(int[] a, int n) throws Exception {
    Machine machine = Machine.create(CpuProfile.zen4Server());
    assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> KnownBehaviourTest.measureOn(machine, workloads, "sumFirst", a, n));
    return counts(machine);
  }

  @Test
  void blocksPendingWhenAnExceptionLeavesTheMethodAreCounted() throws Throwable {
    int[] a = {1, 2, 3, 4};
    long[] returned = method("sumFirst", a, 4);
    long[] threw = thrown(a, 5);
    // The runs differ by the exit's block ('iload s; ireturn': 3 instructions, 1 branch, as in
    // KnownBehaviourTest's hand count) and nothing else: the fifth test of the condition
    // ('iload i; iload n; if_icmpge': 2 instructions, 1 branch) ended its block before the array
    // load threw, and is counted in both. Lost, the difference would be 5 and 2.
    assertEquals(3, returned[0] - threw[0], "instructions");
    assertEquals(1, returned[1] - threw[1], "branches");
  }

  @Test
  void blocksPendingWhenAHandlerInTheMethodCatchesCountOnce() throws Throwable {
    int[] a = {1, -2, 3, -4};
    long[] plain = method("sumFirstCaught", a, 4);
    long[] caught = method("sumFirstCaught", a, 5);
    long[] ctorPlain = constructor(a, 4, true);
    long[] ctorCaught = constructor(a, 5, true);
    for (int k = 0; k < 2; k++) {
      assertEquals(ctorCaught[k] - ctorPlain[k], caught[k] - plain[k],
          (k == 0 ? "instructions" : "branches") + ": one more condition and the handler");
    }
  }
}
