package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Methods near the class file's 65,535-byte limit on a method's code, generated with ASM: the
 * instrumented method that would not fit is instrumented again with less ({@link CountingLevel})
 * and the agent says so, in one warning line per method; it is never silently left uncounted. A
 * method counted at a lower level counts exactly what the same code counts with every probe (the
 * counts of two small versions, fully instrumented, extrapolated: each generated unit adds the
 * same).
 */
class LargeMethodTest {

  private static final String NAME = "simgen.Large";

  /** The class's bytes and what the transformer warned while instrumenting it. */
  private record Loaded(Class<?> type, String warnings) {}

  private static Loaded instrumented(byte[] classFile) throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    AgentOptions options = new AgentOptions(List.of(),
        List.of(Pattern.compile(Pattern.quote("simgen.") + ".*")), List.of());
    SimTransformer transformer = new SimTransformer(new InstrumentationFilter(options, null),
        new PrintStream(warnings, true));
    byte[] out = transformer.transform(LargeMethodTest.class.getClassLoader(), "simgen/Large",
        null, LargeMethodTest.class.getProtectionDomain(), classFile);
    assertTrue(out != null, "instrumented: " + warnings);
    return new Loaded(new Definer().define(out), warnings.toString());
  }

  private static Class<?> plain(byte[] classFile) {
    return new Definer().define(classFile);
  }

  private static final class Definer extends ClassLoader {
    Definer() {
      super(LargeMethodTest.class.getClassLoader());
    }

    Class<?> define(byte[] b) {
      Class<?> c = defineClass(NAME, b, 0, b.length);
      resolveClass(c);
      return c;
    }
  }

  private static long[] counts(Class<?> type, String method, Object... args) throws Throwable {
    Machine m = KnownBehaviourTest.measure(type, method, args);
    return new long[] {m.total(Counter.INSTRUCTIONS), m.total(Counter.BRANCHES)};
  }

  /** The counts at {@code n} units, extrapolated from those at {@code n1} and {@code n2}. */
  private static long[] extrapolated(long[] at1, int n1, long[] at2, int n2, int n) {
    assertEquals(0, (n - n1) % (n2 - n1));
    long steps = (n - n1) / (n2 - n1);
    return new long[] {at1[0] + (at2[0] - at1[0]) * steps, at1[1] + (at2[1] - at1[1]) * steps};
  }

  private static String warning(String method, CountingLevel level) {
    return "[countersign] WARNING: method simgen.Large." + method + " would exceed the 65,535-byte"
        + " limit of a method's code with every probe: " + level.effect();
  }

  // ---- generated code ----

  private static ClassWriter classWriter() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "simgen/Large", null,
        "java/lang/Object", null);
    return cw;
  }

  /** {@code static void fill(int[] a)}: {@code a[j % 1024] = j} for j below n, 8 bytes each. */
  private static byte[] table(int n) {
    ClassWriter cw = classWriter();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "fill", "([I)V",
        null, null);
    mv.visitCode();
    for (int j = 0; j < n; j++) {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitIntInsn(Opcodes.SIPUSH, j % 1024);
      mv.visitIntInsn(Opcodes.SIPUSH, j);
      mv.visitInsn(Opcodes.IASTORE);
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * {@code static int run(int[] a, int reps)}: {@code reps} times (when {@code loop}; else once,
   * and {@code reps} unused) n units of 23 bytes, unit j at index {@code i = j % 64}: {@code a[i]
   * = a[i]; acc += a[i]; if (a[i] < 0) acc++;} — an array store, three loads and a branch each.
   */
  private static byte[] branchy(int n, boolean loop) {
    ClassWriter cw = classWriter();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "([II)I",
        null, null);
    mv.visitCode();
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 2);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 3);
    Label top = new Label();
    Label end = new Label();
    if (loop) {
      mv.visitLabel(top);
      mv.visitVarInsn(Opcodes.ILOAD, 3);
      mv.visitVarInsn(Opcodes.ILOAD, 1);
      mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
    }
    for (int j = 0; j < n; j++) {
      int i = j % 64;
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitIntInsn(Opcodes.BIPUSH, i);
      mv.visitInsn(Opcodes.DUP2);
      mv.visitInsn(Opcodes.IALOAD);
      mv.visitInsn(Opcodes.IASTORE);
      mv.visitVarInsn(Opcodes.ILOAD, 2);
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitIntInsn(Opcodes.BIPUSH, i);
      mv.visitInsn(Opcodes.IALOAD);
      mv.visitInsn(Opcodes.IADD);
      mv.visitVarInsn(Opcodes.ISTORE, 2);
      Label skip = new Label();
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      mv.visitIntInsn(Opcodes.BIPUSH, i);
      mv.visitInsn(Opcodes.IALOAD);
      mv.visitJumpInsn(Opcodes.IFGE, skip);
      mv.visitIincInsn(2, 1);
      mv.visitLabel(skip);
    }
    if (loop) {
      mv.visitIincInsn(3, 1);
      mv.visitJumpInsn(Opcodes.GOTO, top);
      mv.visitLabel(end);
    }
    mv.visitVarInsn(Opcodes.ILOAD, 2);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * {@code static void pad(int x)}: 21,844 {@code iinc}s and a return, 65,533 bytes, where even
   * the smallest probe (a 7-byte charge on entry) does not fit; and {@code static int small(int
   * x)}, {@code x + 1}.
   */
  private static byte[] atTheLimit() {
    ClassWriter cw = classWriter();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pad", "(I)V",
        null, null);
    mv.visitCode();
    for (int j = 0; j < 21_844; j++) {
      mv.visitIincInsn(0, 1);
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "small", "(I)I", null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitInsn(Opcodes.IADD);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static int[] data(boolean negative) {
    int[] a = new int[64];
    for (int i = 0; i < a.length; i++) {
      a[i] = negative ? -1 - i : i % 3 == 0 ? -i : i;
    }
    return a;
  }

  // ---- the tests ----

  @Test
  void sixtyKibTableLosesOnlyItsMemoryProbesAndCountsExactly() throws Throwable {
    int n = 7_500; // 60,001 bytes; with its 7,500 array-store probes (6 bytes each) 105,001
    Loaded small1 = instrumented(table(100));
    Loaded small2 = instrumented(table(200));
    Loaded big = instrumented(table(n));
    assertEquals("", small1.warnings() + small2.warnings(), "small versions fit with every probe");
    assertEquals(warning("fill([I)V", CountingLevel.COUNTS), big.warnings().strip());
    long[] expected = extrapolated(counts(small1.type(), "fill", new int[1024]), 100,
        counts(small2.type(), "fill", new int[1024]), 200, n);
    int[] filled = new int[1024];
    assertArrayEquals(expected, counts(big.type(), "fill", filled), "instructions, branches");
    int[] reference = new int[1024];
    plain(table(n)).getMethod("fill", int[].class).invoke(null, reference);
    assertArrayEquals(reference, filled, "the instrumented method does what the original does");
  }

  @Test
  void branchyLoopTooLargeWithEveryProbeCountsItsBlocksExactly() throws Throwable {
    int n = 1_344; // 30.9 KiB; with every probe ~80 KiB, with block counts only ~47 KiB
    int reps = 3;
    Loaded small1 = instrumented(branchy(64, true));
    Loaded small2 = instrumented(branchy(128, true));
    Loaded big = instrumented(branchy(n, true));
    assertEquals("", small1.warnings() + small2.warnings());
    assertEquals(warning("run([II)I", CountingLevel.COUNTS), big.warnings().strip());
    long[] expected = extrapolated(counts(small1.type(), "run", data(false), reps), 64,
        counts(small2.type(), "run", data(false), reps), 128, n);
    assertArrayEquals(expected, counts(big.type(), "run", data(false), reps));
    assertEquals(plain(branchy(n, true)).getMethod("run", int[].class, int.class)
        .invoke(null, data(false), reps),
        big.type().getMethod("run", int[].class, int.class).invoke(null, data(false), reps),
        "the instrumented method returns what the original does");
  }

  @Test
  void sixtyKibOfBranchesIsChargedOnEntryAsIfEachInstructionRanOnce() throws Throwable {
    int n = 2_560; // 58.9 KiB; ~89 KiB with block counts in locals, ~95 KiB with calls
    Loaded small1 = instrumented(branchy(64, false));
    Loaded small2 = instrumented(branchy(128, false));
    Loaded big = instrumented(branchy(n, false));
    assertEquals(warning("run([II)I", CountingLevel.ENTRY), big.warnings().strip());
    // all negative: no branch is taken, every instruction runs once, and the charge is exact
    long[] expected = extrapolated(counts(small1.type(), "run", data(true), 0), 64,
        counts(small2.type(), "run", data(true), 0), 128, n);
    assertArrayEquals(expected, counts(big.type(), "run", data(true), 0));
    // skipped increments are not seen: the same charge
    assertArrayEquals(expected, counts(big.type(), "run", data(false), 0));
    long[] exact = extrapolated(counts(small1.type(), "run", data(false), 0), 64,
        counts(small2.type(), "run", data(false), 0), 128, n);
    assertTrue(exact[0] < expected[0], Arrays.toString(exact) + " " + Arrays.toString(expected));
  }

  @Test
  void methodWhereNoProbeFitsIsLeftUncountedAndSaysSo() throws Throwable {
    Loaded loaded = instrumented(atTheLimit());
    assertEquals(warning("pad(I)V", CountingLevel.NONE), loaded.warnings().strip());
    assertArrayEquals(new long[] {0, 0}, counts(loaded.type(), "pad", 1));
    // the rest of the class is instrumented: iload, iconst, iadd (1), ireturn (3, a branch)
    assertArrayEquals(new long[] {4, 1}, counts(loaded.type(), "small", 1));
  }
}
