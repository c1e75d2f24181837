package dev.countersign.sim.agent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which methods {@code cycles} charges as inlined by the JIT: a fixed rule on the method's own
 * bytecode, independent of what the JIT really did (so counts stay deterministic), after HotSpot's
 * C2 policy ({@code InlineTree::should_inline} / {@code should_not_inline} in
 * {@code opto/bytecodeInfo.cpp}): a callee whose bytecode is at most {@code -XX:MaxInlineSize}
 * (35 bytes) is inlined at any call site, one of at most {@code -XX:FreqInlineSize} (325 bytes on
 * x86-64) at a hot one. The code the simulator measures is the code a benchmark or a performance
 * test repeats, so its call sites are taken as hot: every method of at most {@value
 * #FREQ_INLINE_SIZE} bytes is charged as inlined, whatever its call site's receiver (C2 inlines a
 * virtual call that class-hierarchy analysis or the profile shows monomorphic or bimorphic, which
 * is what a hot loop's call sites nearly always are).
 *
 * <p>An inlined call has no call, frame, prologue or return: its {@code invoke*} (4 or 6
 * instructions, {@link OpcodeWeights}) and its return (3) are not charged to {@code cycles}. The
 * instrumenter folds both at the callee's returns (the caller's invoke is taken as {@code
 * invokestatic}/{@code invokespecial} for static, private and constructor callees, else {@code
 * invokevirtual}/{@code invokeinterface}). {@code instructions} still counts every bytecode
 * executed, the calls and returns included: only {@code cycles} models the JIT.
 *
 * <p>Two more rules for what C2 removes once calls are inlined: the bounds check of an array
 * access inside a loop ({@link #foldedInLoop}) and the whole of String's compact-strings test
 * ({@link #foldsWholeBody}). Callees up to {@value #MAX_INLINE_SIZE} bytes are inlined even at cold
 * call sites; the limit applied here is the hot one.
 *
 * <p>Not modelled: inlining depth ({@code MaxInlineLevel}), recursion, callees already compiled to
 * more than {@code InlineSmallCode}, megamorphic call sites, and what inlining enables beyond
 * these rules (constant folding, unrolling, vectorisation, escape analysis).
 */
final class InlinePolicy {

  /**
   * The name of the cost model of {@code cycles} with this policy, recorded with every simulated
   * {@code cycles} value ({@link Counter#costModel()}); values recorded before it have none.
   */
  static final String COST_MODEL = "jit-inlining-1";

  /** {@code -XX:MaxInlineSize}: bytecode bytes below which C2 inlines at any call site. */
  static final int MAX_INLINE_SIZE = 35;

  /** {@code -XX:FreqInlineSize} on x86-64: bytecode bytes below which C2 inlines a hot call. */
  static final int FREQ_INLINE_SIZE = 325;

  private InlinePolicy() {}

  /**
   * The weight {@code cycles} leaves out at each return of {@code method} when it is charged as
   * inlined (its caller's invoke and its own return), else 0.
   */
  static int foldedAtReturn(MethodNode method, int codeSize) {
    if (codeSize > FREQ_INLINE_SIZE || method.name.equals("<clinit>")
        || (method.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
      return 0;
    }
    boolean staticallyBound = (method.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0
        || method.name.equals("<init>");
    return OpcodeWeights.of(staticallyBound ? Opcodes.INVOKESTATIC : Opcodes.INVOKEVIRTUAL)
        + OpcodeWeights.of(Opcodes.RETURN);
  }

  /**
   * The weight {@code cycles} leaves out of one execution of {@code opcode} inside a loop: an
   * array element's bounds check (compare and branch, 2 of the 3 of a primitive load or store,
   * {@link OpcodeWeights}), which C2's range-check elimination ({@code
   * PhaseIdealLoop::do_range_check}) moves out of the loop body when the index is a function of
   * the loop variable, as it nearly always is for an array accessed in a loop. Taken for every
   * array access inside a loop, whatever its index.
   */
  static int foldedInLoop(int opcode) {
    return opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD
        || opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE ? BOUNDS_CHECK : 0;
  }

  /**
   * Whether {@code cycles} leaves out the whole body of this JDK method: the compact-strings
   * tests of {@code String} ({@code COMPACT_STRINGS && coder == LATIN1}), whose static final flag
   * C2 folds to a constant and whose final {@code coder} field it loads once outside a loop and
   * unswitches the loop on (loop unswitching, {@code PhaseIdealLoop::do_unswitching}): in the
   * loops that call {@code charAt}, {@code length} or {@code indexOf} per character they cost
   * nothing per iteration.
   */
  static boolean foldsWholeBody(String owner, String name, String desc) {
    return owner.equals("java/lang/String")
        && (name.equals("isLatin1") && desc.equals("()Z") || name.equals("coder")
            && desc.equals("()B"));
  }

  /** A bounds check: compare the index with the length, branch. */
  static final int BOUNDS_CHECK = 2;

  /**
   * Which of {@code nodes} are inside a loop: between the target of a backward jump (or switch
   * case) and that jump, inclusive.
   */
  static boolean[] inLoops(AbstractInsnNode[] nodes) {
    Map<LabelNode, Integer> at = new HashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] instanceof LabelNode l) {
        at.put(l, i);
      }
    }
    boolean[] in = new boolean[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      List<LabelNode> targets = nodes[i] instanceof JumpInsnNode j ? List.of(j.label)
          : SwitchTargets.of(nodes[i]);
      for (LabelNode l : targets) {
        Integer from = at.get(l);
        if (from != null && from < i) {
          Arrays.fill(in, from, i + 1, true);
        }
      }
    }
    return in;
  }

  /**
   * The size in bytes of a method's code as javac writes it (HotSpot's {@code code_size()}), from
   * its instructions: the short forms of local loads and stores for slots 0 to 3, {@code wide}
   * beyond 255, switch padding from the running offset, every {@code ldc} of a one-slot constant
   * taken as 2 bytes (its {@code ldc_w} form, for constant-pool indexes beyond 255, is 3).
   * Instructions in {@code skip} (another agent's) are not counted.
   */
  static int codeSize(Iterable<AbstractInsnNode> insns, Set<AbstractInsnNode> skip) {
    int offset = 0;
    for (AbstractInsnNode n : insns) {
      int op = n.getOpcode();
      if (op < 0 || skip.contains(n)) {
        continue;
      }
      offset += switch (n.getType()) {
        case AbstractInsnNode.INSN -> 1;
        case AbstractInsnNode.INT_INSN -> op == Opcodes.SIPUSH ? 3 : 2;
        case AbstractInsnNode.VAR_INSN -> {
          int v = ((VarInsnNode) n).var;
          yield v > 255 ? 4 : v <= 3 && op != Opcodes.RET ? 1 : 2;
        }
        case AbstractInsnNode.IINC_INSN -> {
          IincInsnNode i = (IincInsnNode) n;
          yield i.var > 255 || i.incr < Byte.MIN_VALUE || i.incr > Byte.MAX_VALUE ? 6 : 3;
        }
        case AbstractInsnNode.LDC_INSN -> {
          Object c = ((LdcInsnNode) n).cst;
          yield c instanceof Long || c instanceof Double ? 3 : 2;
        }
        case AbstractInsnNode.METHOD_INSN -> op == Opcodes.INVOKEINTERFACE ? 5 : 3;
        case AbstractInsnNode.INVOKE_DYNAMIC_INSN -> 5;
        case AbstractInsnNode.MULTIANEWARRAY_INSN -> 4;
        case AbstractInsnNode.TABLESWITCH_INSN -> 1 + pad(offset) + 12
            + 4 * ((TableSwitchInsnNode) n).labels.size();
        case AbstractInsnNode.LOOKUPSWITCH_INSN -> 1 + pad(offset) + 8
            + 8 * ((LookupSwitchInsnNode) n).labels.size();
        default -> 3; // jumps, type, field instructions
      };
    }
    return offset;
  }

  /** The padding after a switch opcode at {@code offset}, to a multiple of 4. */
  private static int pad(int offset) {
    return (4 - (offset + 1) % 4) % 4;
  }
}
