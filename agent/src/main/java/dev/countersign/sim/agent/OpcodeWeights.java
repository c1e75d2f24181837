package dev.countersign.sim.agent;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;

/**
 * How many machine instructions one retired bytecode stands for, roughly as HotSpot's C2 compiles
 * it on x86-64. Local-variable moves, constants and operand-stack shuffles cost nothing (the JIT
 * keeps them in registers or immediates); the rest follow the instructions C2 emits on the fast
 * path (no deoptimisation, TLAB allocation succeeds, calls not inlined):
 *
 * <table>
 *   <caption>weights</caption>
 *   <tr><th>bytecodes</th><th>weight</th><th>why</th></tr>
 *   <tr><td>NOP, xLOAD, xSTORE, xCONST, BIPUSH, SIPUSH, POP*, DUP*, SWAP</td><td>0</td><td>registers</td></tr>
 *   <tr><td>LDC, IINC, arithmetic, logic, shifts, negation, conversions, FDIV/DDIV</td><td>1</td><td>one ALU op</td></tr>
 *   <tr><td>GETFIELD, PUTFIELD, GETSTATIC, PUTSTATIC, ARRAYLENGTH, GOTO</td><td>1</td><td>one mov (implicit null check) / one jmp</td></tr>
 *   <tr><td>IFxx, IF_ICMPxx, IF_ACMPxx, IFNULL, IFNONNULL</td><td>2</td><td>cmp/test + jcc</td></tr>
 *   <tr><td>LCMP, FCMPx, DCMPx</td><td>3</td><td>cmp + setcc + movzx</td></tr>
 *   <tr><td>xALOAD, xASTORE (primitive)</td><td>3</td><td>bounds check cmp + jae + mov</td></tr>
 *   <tr><td>IDIV, IREM, LDIV, LREM</td><td>4</td><td>MIN_VALUE/-1 check, cdq/cqo, idiv</td></tr>
 *   <tr><td>CHECKCAST, INSTANCEOF</td><td>4</td><td>load klass, compare, branch</td></tr>
 *   <tr><td>TABLESWITCH</td><td>4</td><td>sub, cmp, ja, indirect jmp</td></tr>
 *   <tr><td>LOOKUPSWITCH</td><td>6</td><td>a short compare tree</td></tr>
 *   <tr><td>xRETURN, RETURN</td><td>3</td><td>epilogue, safepoint poll, ret</td></tr>
 *   <tr><td>INVOKESTATIC, INVOKESPECIAL</td><td>4</td><td>call + prologue (frame, stack bang)</td></tr>
 *   <tr><td>INVOKEVIRTUAL, INVOKEINTERFACE, INVOKEDYNAMIC</td><td>6</td><td>klass load, vtable/itable load, call, prologue</td></tr>
 *   <tr><td>AASTORE</td><td>8</td><td>bounds check, store check, card mark</td></tr>
 *   <tr><td>NEW</td><td>12</td><td>TLAB bump, limit check, header and klass stores</td></tr>
 *   <tr><td>NEWARRAY, ANEWARRAY</td><td>16</td><td>as NEW plus length and size computation</td></tr>
 *   <tr><td>MULTIANEWARRAY</td><td>40</td><td>runtime call</td></tr>
 *   <tr><td>MONITORENTER, MONITOREXIT</td><td>20</td><td>lightweight-locking fast path (lock cmpxchg)</td></tr>
 *   <tr><td>ATHROW</td><td>20</td><td>exception dispatch entry</td></tr>
 *   <tr><td>JSR, RET</td><td>1</td><td>jump</td></tr>
 *   <tr><td>PUTFIELD, PUTSTATIC of a reference: G1's barriers, added</td><td>+2, +7</td><td>see
 *       below</td></tr>
 * </table>
 *
 * <p><b>Reference stores</b> carry the write barriers of G1, the default collector of JDK 17 and
 * later ({@code G1BarrierSetAssembler}: the SATB pre-barrier loads the thread's marking-active
 * flag and branches, 2 instructions; the post-barrier xors the field's and the value's addresses,
 * shifts by the region size and branches, tests the value for null and branches, 5 more, when
 * the store stays in one region, as most do). So a {@code putfield}/{@code putstatic} of a
 * reference weighs 1 + 7; one that stores a constant null (after {@code aconst_null}) 1 + 2 (no
 * post-barrier); one in a constructor 1 (C2 elides the barriers of stores into the object just
 * allocated: {@code G1BarrierSetC2::g1_can_remove_pre_barrier}/{@code _post_barrier}).
 * {@code aastore}'s 8 already includes its card mark.
 *
 * <p>The weights are a fixed property of the instrumentation (they are added per basic block at
 * instrumentation time), not of a CPU profile. Work inside methods that are not instrumented (the
 * JDK) is not counted at all; calls into it cost only the call's weight.
 */
public final class OpcodeWeights {

  private static final int[] WEIGHTS = table();

  private OpcodeWeights() {}

  /** The weight of one execution of {@code opcode}. */
  public static int of(int opcode) {
    return opcode >= 0 && opcode < WEIGHTS.length ? WEIGHTS[opcode] : 0;
  }

  /** G1's SATB pre-barrier: load the marking-active flag, branch. */
  static final int PRE_BARRIER = 2;

  /** G1's post-barrier on a store within one region: xor, shift, branch, null test, branch. */
  static final int POST_BARRIER = 5;

  /**
   * The weight of one execution of {@code insn} in a method that is ({@code inConstructor}) or is
   * not a constructor: {@link #of(int)}, plus G1's write barriers for a reference field store.
   */
  static int of(AbstractInsnNode insn, boolean inConstructor) {
    int op = insn.getOpcode();
    int w = of(op);
    if ((op == Opcodes.PUTFIELD && !inConstructor || op == Opcodes.PUTSTATIC)
        && isReference(((FieldInsnNode) insn).desc)) {
      AbstractInsnNode value = RealInstructions.previous(insn);
      w += PRE_BARRIER + (value != null && value.getOpcode() == Opcodes.ACONST_NULL ? 0
          : POST_BARRIER);
    }
    return w;
  }

  private static boolean isReference(String desc) {
    return desc.charAt(0) == 'L' || desc.charAt(0) == '[';
  }

  private static int[] table() {
    int[] w = new int[256];
    // 0: NOP..SIPUSH constants, loads, stores and stack shuffles stay 0
    w[Opcodes.LDC] = 1;
    for (int op = Opcodes.IALOAD; op <= Opcodes.SALOAD; op++) {
      w[op] = 3;
    }
    for (int op = Opcodes.IASTORE; op <= Opcodes.SASTORE; op++) {
      w[op] = 3;
    }
    w[Opcodes.AASTORE] = 8;
    for (int op = Opcodes.IADD; op <= Opcodes.LXOR; op++) {
      w[op] = 1;
    }
    w[Opcodes.IDIV] = 4;
    w[Opcodes.LDIV] = 4;
    w[Opcodes.IREM] = 4;
    w[Opcodes.LREM] = 4;
    w[Opcodes.IINC] = 1;
    for (int op = Opcodes.I2L; op <= Opcodes.I2S; op++) {
      w[op] = 1;
    }
    for (int op = Opcodes.LCMP; op <= Opcodes.DCMPG; op++) {
      w[op] = 3;
    }
    for (int op = Opcodes.IFEQ; op <= Opcodes.IF_ACMPNE; op++) {
      w[op] = 2;
    }
    w[Opcodes.GOTO] = 1;
    w[Opcodes.JSR] = 1;
    w[Opcodes.RET] = 1;
    w[Opcodes.TABLESWITCH] = 4;
    w[Opcodes.LOOKUPSWITCH] = 6;
    for (int op = Opcodes.IRETURN; op <= Opcodes.RETURN; op++) {
      w[op] = 3;
    }
    w[Opcodes.GETSTATIC] = 1;
    w[Opcodes.PUTSTATIC] = 1;
    w[Opcodes.GETFIELD] = 1;
    w[Opcodes.PUTFIELD] = 1;
    w[Opcodes.INVOKEVIRTUAL] = 6;
    w[Opcodes.INVOKESPECIAL] = 4;
    w[Opcodes.INVOKESTATIC] = 4;
    w[Opcodes.INVOKEINTERFACE] = 6;
    w[Opcodes.INVOKEDYNAMIC] = 6;
    w[Opcodes.NEW] = 12;
    w[Opcodes.NEWARRAY] = 16;
    w[Opcodes.ANEWARRAY] = 16;
    w[Opcodes.ARRAYLENGTH] = 1;
    w[Opcodes.ATHROW] = 20;
    w[Opcodes.CHECKCAST] = 4;
    w[Opcodes.INSTANCEOF] = 4;
    w[Opcodes.MONITORENTER] = 20;
    w[Opcodes.MONITOREXIT] = 20;
    w[Opcodes.MULTIANEWARRAY] = 40;
    w[Opcodes.IFNULL] = 2;
    w[Opcodes.IFNONNULL] = 2;
    return w;
  }
}
