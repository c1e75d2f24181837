package dev.countersign.sim.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Instruments one method in place:
 *
 * <ul>
 *   <li>each basic block counts its {@link OpcodeWeights weight} and its count of branches
 *       (jumps, conditional or not, switches, calls and returns) just before the instruction that
 *       ends it (a jump, switch, return or throw) or before the next branch target — so a block
 *       an exception leaves early is not counted — in locals handed to {@link SimRuntime#block}
 *       before calls, loops' back edges and exits ({@link LocalBlockCounts});
 *   <li>the block's counts also carry what {@code cycles} leaves out of the block's weight for
 *       the JIT ({@link InlinePolicy}: the call and return of a method it inlines, bounds checks
 *       in loops), through {@link SimRuntime#foldedBlock} where that is not zero;
 *   <li>each conditional branch and switch then reports its operands and site, for the branch
 *       predictor only (its probe returns at once when no predictor is simulated);
 *   <li>field and array loads and stores report the accessed object and index first, and
 *       allocations the new object after its constructor (NEW) or at once (arrays): {@link
 *       AccessProbes};
 *   <li>calls of the JDK methods that are guest events or modelled intrinsics get probes before
 *       and/or after: {@link CallSiteProbes}.
 * </ul>
 *
 * <p>A method too large for all of it gets less ({@link CountingLevel}).
 *
 * <p>Every original instruction stays in place and probes only read copies of its operands, so
 * an instruction that throws does so from the user's frame with the exception, helpful NPE
 * message and stack trace it has without the agent.
 *
 * <p>Branch sites are identified by a hash of class, method, descriptor and instruction index, so
 * that predictor indexes do not depend on the order classes are loaded in.
 *
 * <p>Longer than 300 lines on purpose: the walk over the method's instructions shares the current
 * block's state (its weight, branches and folds, where it ends) between the instruction kinds, so
 * the blocks' counting and the branch probes, which end blocks, stay in this class; the probes
 * that need none of that state are in {@link AccessProbes} and {@link CallSiteProbes}.
 */
final class MethodInstrumenter {

  static final String RT = "dev/countersign/sim/agent/SimRuntime";
  static final String MEMORY = "dev/countersign/sim/agent/MemoryProbes";
  static final String INTRINSICS = "dev/countersign/sim/agent/IntrinsicProbes";
  static final String GUEST = "dev/countersign/sim/agent/GuestProbes";
  /** Every class probes call. */
  static final List<String> PROBE_OWNERS = List.of(RT, MEMORY, INTRINSICS, GUEST);

  private final String owner;
  private final MethodNode method;
  private final InsnList insns;
  private final int methodHash;

  private final MethodNode onDisk;
  private final int classVersion;
  private final CountingLevel level;
  private final CallSiteProbes calls;
  private LocalBlockCounts counts;

  /**
   * @param onDisk the method as it is in the class file on disk (with code), or null when unknown
   *     or when no other agent changed it
   * @param classVersion the class file's version as ASM gives it ({@link LocalBlockCounts#of})
   * @param level how much instrumentation the method gets (not {@link CountingLevel#NONE})
   */
  MethodInstrumenter(String owner, MethodNode method, MethodNode onDisk, int classVersion,
      CountingLevel level) {
    this.owner = owner;
    this.method = method;
    this.onDisk = onDisk;
    this.classVersion = classVersion;
    this.level = level;
    this.insns = method.instructions;
    this.calls = new CallSiteProbes(method);
    this.methodHash = (owner.hashCode() * 31 + method.name.hashCode()) * 31 + method.desc.hashCode();
  }

  void instrument() {
    if (insns.size() == 0) {
      return;
    }
    ForeignCode foreign = ForeignCode.of(method, onDisk);
    if (level == CountingLevel.ENTRY) {
      chargeOnEntry(foreign);
      return;
    }
    boolean models = level.probesModels();
    Set<LabelNode> targets = branchTargets();
    AbstractInsnNode[] nodes = insns.toArray();
    int nativeIndex = -1;
    boolean constructor = method.name.equals("<init>");
    boolean receiverInitialized = !constructor;
    Deque<TypeInsnNode> pendingNew = new ArrayDeque<>();
    int weight = 0;
    int unconditional = 0;
    // what cycles leaves out of the block's weight, for the JIT (InlinePolicy)
    int fold = 0;
    int foldedAtReturn =
        InlinePolicy.foldedAtReturn(method, InlinePolicy.codeSize(insns, foreign.foreign));
    boolean[] inLoop = InlinePolicy.inLoops(nodes);
    boolean foldsBody = InlinePolicy.foldsWholeBody(owner, method.name, method.desc);
    boolean folds = foldsBody || foldedAtReturn != 0;
    for (int at = 0; at < nodes.length; at++) {
      folds |= inLoop[at] && InlinePolicy.foldedInLoop(nodes[at].getOpcode()) != 0;
    }
    counts = LocalBlockCounts.of(method, classVersion, folds,
        level != CountingLevel.COUNTS_DIRECT);
    for (int at = 0; at < nodes.length; at++) {
      AbstractInsnNode n = nodes[at];
      int op = n.getOpcode();
      if (op < 0) {
        if (n instanceof LabelNode l) {
          if (targets.contains(l) && (weight > 0 || unconditional > 0)) {
            insns.insertBefore(n, counts.blockEnds(weight, unconditional, fold));
            weight = 0;
            fold = 0;
            unconditional = 0;
          }
          counts.passed(l, targets.contains(l));
        }
        continue;
      }
      if (foreign.foreign.contains(n)) {
        continue; // another agent's code: not counted
      }
      nativeIndex++;
      int index = nativeIndex; // sites by position among the method's own instructions
      int w = OpcodeWeights.of(n, constructor);
      weight += w;
      fold += foldsBody ? w : inLoop[at] ? InlinePolicy.foldedInLoop(op) : 0;
      switch (n.getType()) {
        case AbstractInsnNode.JUMP_INSN -> {
          List<LabelNode> to = List.of(((JumpInsnNode) n).label);
          if (op == Opcodes.GOTO || op == Opcodes.JSR) {
            unconditional++;
            insns.insertBefore(n, counts.jumpEnds(weight, unconditional, fold, to));
          } else {
            // the branch itself is counted with its block; its probe only feeds the predictor
            insns.insertBefore(n, counts.jumpEnds(weight, unconditional + 1, fold, to));
            if (models) {
              insns.insertBefore(n, branchProbe(op, site(index), foreign.inverted.contains(n)));
            }
          }
          weight = 0;
          fold = 0;
          unconditional = 0;
        }
        case AbstractInsnNode.TABLESWITCH_INSN, AbstractInsnNode.LOOKUPSWITCH_INSN -> {
          insns.insertBefore(n,
              counts.jumpEnds(weight, unconditional + 1, fold, SwitchTargets.of(n)));
          if (models) {
            InsnList probe = new InsnList();
            probe.add(new InsnNode(Opcodes.DUP));
            probe.add(push(site(index)));
            probe.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "switchOn", "(II)V", false));
            insns.insertBefore(n, probe);
          }
          weight = 0;
          fold = 0;
          unconditional = 0;
        }
        case AbstractInsnNode.FIELD_INSN -> {
          if (receiverInitialized && models) {
            insns.insertBefore(n, AccessProbes.field((FieldInsnNode) n));
          }
        }
        case AbstractInsnNode.TYPE_INSN -> {
          if (op == Opcodes.NEW) {
            pendingNew.push((TypeInsnNode) n);
          } else if (op == Opcodes.ANEWARRAY) {
            insns.insert(n, AccessProbes.allocatedArray());
          }
        }
        case AbstractInsnNode.INT_INSN -> {
          if (op == Opcodes.NEWARRAY) {
            insns.insert(n, AccessProbes.allocatedArray());
          }
        }
        case AbstractInsnNode.MULTIANEWARRAY_INSN -> {
          insns.insert(n, AccessProbes.allocatedMulti(((MultiANewArrayInsnNode) n).dims));
        }
        case AbstractInsnNode.METHOD_INSN, AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
          unconditional++;
          // first, so that it precedes the probes calls.bracket() puts before the call
          insns.insertBefore(n, counts.beforeCall());
          if (n instanceof MethodInsnNode m) {
            if (op == Opcodes.INVOKESPECIAL && m.name.equals("<init>")) {
              if (!pendingNew.isEmpty() && pendingNew.peek().desc.equals(m.owner)) {
                TypeInsnNode created = pendingNew.pop();
                if (RealInstructions.next(created) != null && RealInstructions.next(created).getOpcode() == Opcodes.DUP) {
                  insns.insert(n, AccessProbes.allocated());
                }
              } else if (constructor) {
                receiverInitialized = true;
              }
            } else {
              calls.bracket(m);
            }
          }
        }
        case AbstractInsnNode.INSN -> {
          if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
            unconditional++;
            fold += foldedAtReturn;
            insns.insertBefore(n, counts.exitEnds(weight, unconditional, fold));
            weight = 0;
            fold = 0;
            unconditional = 0;
          } else if (op == Opcodes.ATHROW) {
            // caught here or flushed by the catch-all handler as it leaves
            insns.insertBefore(n, counts.blockEnds(weight, unconditional, fold));
            weight = 0;
            fold = 0;
            unconditional = 0;
          } else if (models) {
            insns.insertBefore(n, AccessProbes.array(op));
          }
        }
        default -> {
          if (op == Opcodes.RET) {
            unconditional++;
            insns.insertBefore(n, counts.blockEnds(weight, unconditional, fold)); // direct only
            weight = 0;
            fold = 0;
            unconditional = 0;
          }
        }
      }
    }
    counts.finish();
  }

  /**
   * {@link CountingLevel#ENTRY}: one runtime call before the first instruction charging the
   * weight and branches of every instruction of the method's own, as the blocks would count them
   * if each ran once ({@code cycles} then gets no JIT folds).
   */
  private void chargeOnEntry(ForeignCode foreign) {
    boolean constructor = method.name.equals("<init>");
    long weight = 0;
    long branches = 0;
    for (AbstractInsnNode n : insns) {
      int op = n.getOpcode();
      if (op < 0 || foreign.foreign.contains(n)) {
        continue;
      }
      weight += OpcodeWeights.of(n, constructor);
      boolean branch = switch (n.getType()) {
        case AbstractInsnNode.JUMP_INSN, AbstractInsnNode.TABLESWITCH_INSN,
            AbstractInsnNode.LOOKUPSWITCH_INSN, AbstractInsnNode.METHOD_INSN,
            AbstractInsnNode.INVOKE_DYNAMIC_INSN -> true;
        default -> op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.RET;
      };
      branches += branch ? 1 : 0;
    }
    InsnList l = new InsnList();
    l.add(push((int) Math.min(weight, Integer.MAX_VALUE)));
    l.add(push((int) Math.min(branches, Integer.MAX_VALUE)));
    l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "block", "(II)V", false));
    insns.insert(l);
  }

  private Set<LabelNode> branchTargets() {
    Set<LabelNode> t = new HashSet<>();
    for (AbstractInsnNode n : insns) {
      if (n instanceof JumpInsnNode j) {
        t.add(j.label);
      } else {
        t.addAll(SwitchTargets.of(n));
      }
    }
    if (method.tryCatchBlocks != null) {
      for (TryCatchBlockNode b : method.tryCatchBlocks) {
        t.add(b.handler);
      }
    }
    return t;
  }

  /** A site id: a mixed hash of the method and instruction index (murmur3's finaliser). */
  private int site(int index) {
    int h = methodHash ^ (index * 0x9E3779B9);
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * The probe before conditional jump {@code op}; {@code inverted}: the jump is another agent's
   * inversion of the original, whose outcome is the opposite (the condition's low bit flipped).
   */
  private static InsnList branchProbe(int op, int site, boolean inverted) {
    InsnList l = new InsnList();
    int base = (site & ~7) | (inverted ? 1 : 0);
    switch (op) {
      case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE -> {
        l.add(new InsnNode(Opcodes.DUP));
        l.add(push(base ^ (op - Opcodes.IFEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchInt", "(II)V", false));
      }
      case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE,
          Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE -> {
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(push(base ^ (op - Opcodes.IF_ICMPEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchIntInt", "(III)V", false));
      }
      case Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> {
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(push(base ^ (op - Opcodes.IF_ACMPEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchRefs",
            "(Ljava/lang/Object;Ljava/lang/Object;I)V", false));
      }
      case Opcodes.IFNULL, Opcodes.IFNONNULL -> {
        l.add(new InsnNode(Opcodes.DUP));
        l.add(push(base ^ (op == Opcodes.IFNULL ? 0 : 1)));
        l.add(new MethodInsnNode(
            Opcodes.INVOKESTATIC, RT, "branchNull", "(Ljava/lang/Object;I)V", false));
      }
      default -> {
        // not a conditional branch
      }
    }
    return l;
  }

  static AbstractInsnNode push(int v) {
    if (v >= -1 && v <= 5) {
      return new InsnNode(Opcodes.ICONST_0 + v);
    }
    if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      return new IntInsnNode(Opcodes.BIPUSH, v);
    }
    if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      return new IntInsnNode(Opcodes.SIPUSH, v);
    }
    return new LdcInsnNode(v);
  }
}
