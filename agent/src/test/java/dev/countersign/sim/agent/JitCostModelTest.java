package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cycles} models the JIT ({@link InlinePolicy}), {@code instructions} counts the bytecode
 * as executed: calls of methods of at most FreqInlineSize bytecode bytes cost no call and no
 * return in cycles, array accesses in loops no bounds check, String's compact-strings tests
 * nothing. Each figure is the difference of two loops that differ only in what is modelled,
 * measured without the memory model and the predictor so that cycles are exactly (instructions -
 * what the JIT removes) × CPI.
 */
class JitCostModelTest {

  private static final int N = 100;

  private static Class<?> calls;
  private static Object point;

  @BeforeAll
  static void load() throws Exception {
    calls = new InstrumentedLoader("simfixture.").loadClass("simfixture.Calls");
    point = Class.forName("simfixture.Calls$Point", true, calls.getClassLoader())
        .getConstructor(int.class).newInstance(3);
  }

  private static Machine measure(String name, Object... args) throws Throwable {
    return KnownBehaviourTest.measureOn(Machine.create(CpuProfile.zen4Server(), false, false),
        calls, name, args);
  }

  private static long instructions(Machine m) {
    return m.total(Counter.INSTRUCTIONS);
  }

  private static double cycles(Machine m) {
    return m.total(Counter.CYCLES);
  }

  @Test
  void anInlinedAccessorCostsItsFieldReadInCyclesAndItsCallInInstructions() throws Throwable {
    Machine field = measure("readField", point, N);
    Machine accessor = measure("callAccessor", point, N);
    // invokevirtual 6 + ireturn 3 per call, executed bytecode
    assertEquals(9 * N, instructions(accessor) - instructions(field));
    assertEquals(cycles(field), cycles(accessor));
  }

  @Test
  void anInlinedStaticCallCostsItsBodyOnly() throws Throwable {
    Machine inline = measure("addTwice", N);
    Machine call = measure("callTwice", N);
    // invokestatic 4 + ireturn 3 per call
    assertEquals(7 * N, instructions(call) - instructions(inline));
    assertEquals(cycles(inline), cycles(call));
  }

  /**
   * A lambda's body is counted: javac compiles it to a synthetic method of the class that wrote it
   * ({@code lambda$twiceLambda$0}), which is instrumented with its class. What is not counted is
   * the hidden class the lambda metafactory spins to implement the interface: no agent sees it
   * (the JVM does not call the class-file load hook for hidden classes, and they are not
   * modifiable, {@code Instrumentation.isModifiableClass}), so its forwarding method (load the
   * argument, invokestatic the body, return: 7 in the weight table) is missing from {@code
   * instructions}. In {@code cycles} the forwarder would be inlined anyway; the body's return
   * folds an invokestatic (4) and its return (3), while the caller paid an invokeinterface (6):
   * 2 more than an inlined static call.
   */
  @Test
  void aLambdasBodyIsCountedItsHiddenForwarderIsNot() throws Throwable {
    Object twice = calls.getMethod("twiceLambda").invoke(null);
    Machine inline = measure("addTwice", N);
    Machine lambda = measure("applyLambda", twice, N);
    // the caller's invokeinterface 6, the body's ireturn 3 (its iadd is addTwice's second iadd)
    assertEquals(9 * N, instructions(lambda) - instructions(inline));
    double cpi = CpuProfile.zen4Server().baseCpi();
    assertEquals((9 - 7) * N * cpi, cycles(lambda) - cycles(inline), 1e-9);
  }

  @Test
  void aMethodOverFreqInlineSizeKeepsItsCallAndReturnInCycles() throws Throwable {
    Machine field = measure("readField", point, N);
    Machine large = measure("callLarge", point, N);
    assertTrue(instructions(large) - instructions(field) >= 9 * N); // at least call and return
    double cpi = CpuProfile.zen4Server().baseCpi();
    assertEquals((instructions(large) - instructions(field)) * cpi, cycles(large) - cycles(field),
        1e-9);
  }

  @Test
  void codeSizeIsThatOfTheClassFile() throws Exception {
    var node = new org.objectweb.asm.tree.ClassNode();
    try (var in = JitCostModelTest.class.getResourceAsStream("/simfixture/Calls$Point.class")) {
      new org.objectweb.asm.ClassReader(in.readAllBytes()).accept(node, 0);
    }
    var x = node.methods.stream().filter(m -> m.name.equals("x")).findFirst().orElseThrow();
    assertEquals(5, InlinePolicy.codeSize(x.instructions, java.util.Set.of())); // aload_0 getfield ireturn
    var large = node.methods.stream().filter(m -> m.name.equals("large")).findFirst().orElseThrow();
    assertTrue(InlinePolicy.codeSize(large.instructions, java.util.Set.of())
        > InlinePolicy.FREQ_INLINE_SIZE); // 1006 bytes
  }

  @Test
  void anArrayAccessInALoopHasNoBoundsCheckInCycles() throws Throwable {
    int[] a = new int[N];
    Machine m = measure("sumArray", a);
    Machine none = measure("sumArray", new int[0]);
    double cpi = CpuProfile.zen4Server().baseCpi();
    // per element iaload 3 of which the bounds check 2 is eliminated; the rest of the loop as is
    assertEquals((instructions(m) - instructions(none) - InlinePolicy.BOUNDS_CHECK * N) * cpi,
        cycles(m) - cycles(none), 1e-9);
  }

  @Test
  void stringsCompactStringsTestIsFoldedWholeAndItsCallInlined() throws Exception {
    byte[] string;
    try (var in = Object.class.getResourceAsStream("/java/lang/String.class")) {
      string = in.readAllBytes();
    }
    var node = new org.objectweb.asm.tree.ClassNode();
    new org.objectweb.asm.ClassReader(ClassInstrumenter.instrument(string, false, null))
        .accept(node, 0);
    var isLatin1 = node.methods.stream().filter(m -> m.name.equals("isLatin1")).findFirst()
        .orElseThrow();
    int weights = 0;
    int folds = 0;
    for (var n : isLatin1.instructions) {
      if (n instanceof org.objectweb.asm.tree.MethodInsnNode call
          && call.owner.equals(MethodInstrumenter.RT) && call.name.equals("foldedBlock")) {
        weights += pushed(n.getPrevious().getPrevious().getPrevious());
        folds += pushed(n.getPrevious());
      } else if (n instanceof org.objectweb.asm.tree.MethodInsnNode call
          && call.owner.equals(MethodInstrumenter.RT) && call.name.equals("block")) {
        throw new AssertionError("a block of String.isLatin1 charged to cycles");
      }
    }
    assertTrue(weights > 0);
    // every instruction of the body, and its caller's invokevirtual and its return, once
    assertEquals(weights + 9, folds);
  }

  private static int pushed(org.objectweb.asm.tree.AbstractInsnNode n) {
    if (n instanceof org.objectweb.asm.tree.IntInsnNode i) {
      return i.operand;
    }
    return n.getOpcode() - org.objectweb.asm.Opcodes.ICONST_0;
  }
}
