package dev.countersign.sim.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

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
 *   <li>field and array loads and stores report the accessed object and index first;
 *   <li>allocations report the new object after its constructor (NEW) or at once (arrays);
 *   <li>calls of {@code Thread.onSpinWait}, {@code LockSupport.park*}/{@code unpark}, {@code
 *       Thread.sleep}, {@code Object.wait}/{@code notify*}, {@code Thread.start}/{@code
 *       join}/{@code interrupt}, {@code
 *       ByteBuffer.allocateDirect} and {@code Unsafe.invokeCleaner} get probes before and/or after.
 * </ul>
 *
 * <p>Every original instruction stays in place and probes only read copies of its operands, so
 * an instruction that throws does so from the user's frame with the exception, helpful NPE
 * message and stack trace it has without the agent.
 *
 * <p>Branch sites are identified by a hash of class, method, descriptor and instruction index, so
 * that predictor indexes do not depend on the order classes are loaded in.
 *
 * <p>Longer than 300 lines on purpose: ASM hands one visitor the method's instructions in order,
 * and the visit methods share the current block's state (its weight and counts, where it ends), so
 * the instruction kinds are not split over classes that would share that mutable state.
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
              counts.jumpEnds(weight, unconditional + 1, fold, switchLabels(n)));
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
            instrumentField((FieldInsnNode) n);
          }
        }
        case AbstractInsnNode.TYPE_INSN -> {
          if (op == Opcodes.NEW) {
            pendingNew.push((TypeInsnNode) n);
          } else if (op == Opcodes.ANEWARRAY) {
            insns.insert(n, allocatedArray());
          }
        }
        case AbstractInsnNode.INT_INSN -> {
          if (op == Opcodes.NEWARRAY) {
            insns.insert(n, allocatedArray());
          }
        }
        case AbstractInsnNode.MULTIANEWARRAY_INSN -> {
          InsnList after = new InsnList();
          after.add(new InsnNode(Opcodes.DUP));
          after.add(push(((MultiANewArrayInsnNode) n).dims));
          after.add(new MethodInsnNode(
              Opcodes.INVOKESTATIC, MEMORY, "allocatedMulti", "(Ljava/lang/Object;I)V", false));
          insns.insert(n, after);
        }
        case AbstractInsnNode.METHOD_INSN, AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
          unconditional++;
          // first, so that it precedes the probes redirect() puts before the call
          insns.insertBefore(n, counts.beforeCall());
          if (n instanceof MethodInsnNode m) {
            if (op == Opcodes.INVOKESPECIAL && m.name.equals("<init>")) {
              if (!pendingNew.isEmpty() && pendingNew.peek().desc.equals(m.owner)) {
                TypeInsnNode created = pendingNew.pop();
                if (nextReal(created) != null && nextReal(created).getOpcode() == Opcodes.DUP) {
                  InsnList after = new InsnList();
                  after.add(new InsnNode(Opcodes.DUP));
                  after.add(new MethodInsnNode(
                      Opcodes.INVOKESTATIC, MEMORY, "allocated", "(Ljava/lang/Object;)V", false));
                  insns.insert(n, after);
                }
              } else if (constructor) {
                receiverInitialized = true;
              }
            } else {
              redirect(m);
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
            instrumentArray((InsnNode) n, op);
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

  private static List<LabelNode> switchLabels(AbstractInsnNode n) {
    List<LabelNode> l = new ArrayList<>();
    if (n instanceof TableSwitchInsnNode s) {
      l.add(s.dflt);
      l.addAll(s.labels);
    } else if (n instanceof LookupSwitchInsnNode s) {
      l.add(s.dflt);
      l.addAll(s.labels);
    }
    return l;
  }

  private Set<LabelNode> branchTargets() {
    Set<LabelNode> t = new HashSet<>();
    for (AbstractInsnNode n : insns) {
      if (n instanceof JumpInsnNode j) {
        t.add(j.label);
      } else {
        t.addAll(switchLabels(n));
      }
    }
    if (method.tryCatchBlocks != null) {
      for (TryCatchBlockNode b : method.tryCatchBlocks) {
        t.add(b.handler);
      }
    }
    return t;
  }

  private static AbstractInsnNode nextReal(AbstractInsnNode n) {
    AbstractInsnNode x = n.getNext();
    while (x != null && x.getOpcode() < 0) {
      x = x.getNext();
    }
    return x;
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

  private void instrumentField(FieldInsnNode f) {
    if (f.getOpcode() == Opcodes.GETFIELD) {
      InsnList l = new InsnList();
      l.add(new InsnNode(Opcodes.DUP));
      l.add(push(FieldSites.register(f.owner, f.name)));
      l.add(new MethodInsnNode(
          Opcodes.INVOKESTATIC, MEMORY, "getField", "(Ljava/lang/Object;I)V", false));
      insns.insertBefore(f, l);
    } else if (f.getOpcode() == Opcodes.PUTFIELD) {
      InsnList l = new InsnList();
      if (Type.getType(f.desc).getSize() == 2) {
        l.add(new InsnNode(Opcodes.DUP2_X1));
        l.add(new InsnNode(Opcodes.POP2));
        l.add(new InsnNode(Opcodes.DUP_X2));
      } else {
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(new InsnNode(Opcodes.POP));
      }
      l.add(push(FieldSites.register(f.owner, f.name)));
      l.add(new MethodInsnNode(
          Opcodes.INVOKESTATIC, MEMORY, "putField", "(Ljava/lang/Object;I)V", false));
      insns.insertBefore(f, l);
    }
  }

  private void instrumentArray(InsnNode n, int op) {
    String load =
        switch (op) {
          case Opcodes.BALOAD -> "load1";
          case Opcodes.CALOAD, Opcodes.SALOAD -> "load2";
          case Opcodes.IALOAD, Opcodes.FALOAD, Opcodes.AALOAD -> "load4";
          case Opcodes.LALOAD, Opcodes.DALOAD -> "load8";
          default -> null;
        };
    if (load != null) {
      InsnList l = new InsnList();
      l.add(new InsnNode(Opcodes.DUP2));
      l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, MEMORY, load, "(Ljava/lang/Object;I)V",
          false));
      insns.insertBefore(n, l);
      return;
    }
    int shift =
        switch (op) {
          case Opcodes.BASTORE -> 0;
          case Opcodes.CASTORE, Opcodes.SASTORE -> 1;
          case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE -> 2;
          case Opcodes.LASTORE, Opcodes.DASTORE -> 3;
          default -> -1;
        };
    if (shift >= 0) {
      // The store itself stays the original instruction, so its exceptions (NPE with the helpful
      // message, AIOOBE, ArrayStoreException) are raised in this frame by this bytecode. The
      // probe gets copies of array and index: [a, i, v] -> [a, i, v, a, i].
      InsnList l = new InsnList();
      if (shift == 3) {
        l.add(new InsnNode(Opcodes.DUP2_X2)); // [v2, a, i, v2]
        l.add(new InsnNode(Opcodes.POP2)); // [v2, a, i]
        l.add(new InsnNode(Opcodes.DUP2_X2)); // [a, i, v2, a, i]
      } else {
        l.add(new InsnNode(Opcodes.DUP_X2)); // [v, a, i, v]
        l.add(new InsnNode(Opcodes.POP)); // [v, a, i]
        l.add(new InsnNode(Opcodes.DUP2_X1)); // [a, i, v, a, i]
      }
      l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, MEMORY, "store" + (1 << shift),
          "(Ljava/lang/Object;I)V", false));
      insns.insertBefore(n, l);
    }
  }

  private static InsnList allocatedArray() {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new MethodInsnNode(
        Opcodes.INVOKESTATIC, MEMORY, "allocatedArray", "(Ljava/lang/Object;)V", false));
    return l;
  }

  /**
   * Brackets a JDK call that is a guest event or a modelled intrinsic with probes of {@link
   * GuestProbes} / {@link IntrinsicProbes}. The call itself
   * stays the original instruction, so whatever it throws (a null receiver's helpful NPE, an
   * IllegalMonitorStateException) comes from this frame exactly as without the agent. Operands
   * the probes need are copied on the stack, or through fresh locals beyond the method's own
   * (which no stack-map frame mentions, so the frames stay valid).
   */
  private void redirect(MethodInsnNode m) {
    String key = m.owner + "." + m.name + m.desc;
    InsnList before = new InsnList();
    InsnList after = new InsnList();
    IntrinsicModels.Model model = IntrinsicModels.at(m.owner, m.name, m.desc);
    if (model != null) {
      modelProbe(m, model, before, after);
      insns.insertBefore(m, before);
      insns.insert(m, after);
      return;
    }
    switch (m.getOpcode()) {
      case Opcodes.INVOKESTATIC -> {
        switch (key) {
          case "java/lang/Thread.onSpinWait()V" -> before.add(probe("spinWaiting", "()V"));
          case "java/util/concurrent/locks/LockSupport.park()V",
              "java/util/concurrent/locks/LockSupport.park(Ljava/lang/Object;)V" -> {
            before.add(probe("parking", "()V"));
            after.add(probe("parked", "()V"));
          }
          case "java/util/concurrent/locks/LockSupport.parkNanos(J)V",
              "java/util/concurrent/locks/LockSupport.parkNanos(Ljava/lang/Object;J)V" -> {
            before.add(new InsnNode(Opcodes.DUP2));
            before.add(probe("parkingNanos", "(J)V"));
            after.add(probe("parked", "()V"));
          }
          case "java/util/concurrent/locks/LockSupport.parkUntil(J)V",
              "java/util/concurrent/locks/LockSupport.parkUntil(Ljava/lang/Object;J)V" -> {
            before.add(new InsnNode(Opcodes.DUP2));
            before.add(probe("parkingUntil", "(J)V"));
            after.add(probe("parked", "()V"));
          }
          case "java/util/concurrent/locks/LockSupport.unpark(Ljava/lang/Thread;)V" -> {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(probe("unparking", "(Ljava/lang/Thread;)V"));
          }
          case "java/lang/Thread.sleep(J)V" -> {
            before.add(new InsnNode(Opcodes.DUP2));
            before.add(probe("sleeping", "(J)V"));
          }
          case "java/lang/Thread.sleep(JI)V" -> {
            int millis = method.maxLocals;
            int nanos = millis + 2;
            method.maxLocals += 3;
            before.add(new VarInsnNode(Opcodes.ISTORE, nanos));
            before.add(new VarInsnNode(Opcodes.LSTORE, millis));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            before.add(new VarInsnNode(Opcodes.ILOAD, nanos));
            before.add(probe("sleeping", "(JI)V"));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            before.add(new VarInsnNode(Opcodes.ILOAD, nanos));
          }
          case "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V" ->
              copyArgumentsTo(m, before, "arraycopying", m.desc);
          case "java/nio/ByteBuffer.allocateDirect(I)Ljava/nio/ByteBuffer;" -> {
            after.add(new InsnNode(Opcodes.DUP));
            after.add(probe("allocatedDirect", "(Ljava/nio/ByteBuffer;)V"));
          }
          default -> {
            if (m.owner.equals("java/util/Arrays")) {
              arraysIntrinsic(m, before);
            }
          }
        }
      }
      case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE -> {
        switch (m.name + m.desc) {
          // final in Object: whatever the owner, these are Object's methods
          case "wait()V" -> {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(probe("waiting", "(Ljava/lang/Object;)V"));
            after.add(probe("waited", "(Ljava/lang/Object;)V"));
          }
          case "wait(J)V" -> {
            int millis = method.maxLocals;
            method.maxLocals += 2;
            before.add(new VarInsnNode(Opcodes.LSTORE, millis));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            before.add(probe("waiting", "(Ljava/lang/Object;J)V"));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            after.add(probe("waited", "(Ljava/lang/Object;)V"));
          }
          case "wait(JI)V" -> {
            int millis = method.maxLocals;
            int nanos = millis + 2;
            method.maxLocals += 3;
            before.add(new VarInsnNode(Opcodes.ISTORE, nanos));
            before.add(new VarInsnNode(Opcodes.LSTORE, millis));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            before.add(new VarInsnNode(Opcodes.ILOAD, nanos));
            before.add(probe("waiting", "(Ljava/lang/Object;JI)V"));
            before.add(new VarInsnNode(Opcodes.LLOAD, millis));
            before.add(new VarInsnNode(Opcodes.ILOAD, nanos));
            after.add(probe("waited", "(Ljava/lang/Object;)V"));
          }
          case "notify()V" -> {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(probe("notifying", "(Ljava/lang/Object;)V"));
          }
          case "notifyAll()V" -> {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(probe("notifyingAll", "(Ljava/lang/Object;)V"));
          }
          default -> {
            if (m.owner.startsWith("[") && (m.name + m.desc).equals("clone()Ljava/lang/Object;")) {
              cloneProbes(before, after);
            } else if (key.equals("java/lang/Thread.start()V")) {
              before.add(new InsnNode(Opcodes.DUP));
              before.add(probe("starting", "(Ljava/lang/Thread;)V"));
            } else if (key.equals("java/lang/Thread.interrupt()V")) {
              before.add(new InsnNode(Opcodes.DUP));
              before.add(probe("interrupting", "(Ljava/lang/Thread;)V"));
            } else if (m.owner.equals("java/lang/Thread") && m.name.equals("join")) {
              joinProbes(m, before, after);
            } else if (key.equals("sun/misc/Unsafe.invokeCleaner(Ljava/nio/ByteBuffer;)V")) {
              before.add(new InsnNode(Opcodes.DUP_X1)); // [u, b] -> [b, u, b]
              after.add(probe("cleaned", "(Ljava/nio/ByteBuffer;)V"));
            }
          }
        }
      }
      default -> {
        // INVOKESPECIAL: super.clone() reaching Object.clone is the only intrinsic
        if (key.equals("java/lang/Object.clone()Ljava/lang/Object;")) {
          cloneProbes(before, after);
        }
      }
    }
    insns.insertBefore(m, before);
    insns.insert(m, after);
  }

  /**
   * The probe of an {@link IntrinsicModels intrinsic's model}: the call's operands (receiver
   * included) are kept in fresh locals and passed to the probe before the call, or after it
   * together with its result.
   */
  private void modelProbe(MethodInsnNode m, IntrinsicModels.Model model, InsnList before,
      InsnList after) {
    boolean hasReceiver = m.getOpcode() != Opcodes.INVOKESTATIC;
    Type[] args = Type.getArgumentTypes(m.desc);
    int n = args.length + (hasReceiver ? 1 : 0);
    Type[] types = new Type[n];
    if (hasReceiver) {
      types[0] = Type.getObjectType("java/lang/Object");
    }
    System.arraycopy(args, 0, types, hasReceiver ? 1 : 0, args.length);
    int[] slots = new int[n];
    for (int k = 0; k < n; k++) {
      slots[k] = method.maxLocals;
      method.maxLocals += types[k].getSize();
    }
    for (int k = n - 1; k >= 0; k--) {
      before.add(new VarInsnNode(types[k].getOpcode(Opcodes.ISTORE), slots[k]));
    }
    if (model.after()) {
      for (int k = 0; k < n; k++) {
        before.add(new VarInsnNode(types[k].getOpcode(Opcodes.ILOAD), slots[k]));
      }
    }
    InsnList call = model.after() ? after : before;
    if (model.after()) {
      call.add(new InsnNode(Type.getReturnType(m.desc).getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP));
    }
    for (int k = model.receiver() || !hasReceiver ? 0 : 1; k < n; k++) {
      call.add(new VarInsnNode(types[k].getOpcode(Opcodes.ILOAD), slots[k]));
    }
    call.add(probe(model.probe(), IntrinsicModels.probeDescriptor(model, m.desc)));
    if (!model.after()) {
      // the probe ran on copies: reload the call's operands
      InsnList reload = new InsnList();
      for (int k = 0; k < n; k++) {
        reload.add(new VarInsnNode(types[k].getOpcode(Opcodes.ILOAD), slots[k]));
      }
      before.add(reload);
    }
  }

  /**
   * {@code t.join(args)}: {@code [t, args]} -> the args kept in fresh locals, a copy of {@code t} in
   * another, {@code joining(t, args)}'s answer in a third; the call runs on the original stack
   * (its receiver is the user's, so a null one has the user's NPE message); then {@code joined(t,
   * blocked)}.
   */
  private void joinProbes(MethodInsnNode m, InsnList before, InsnList after) {
    Type[] args = Type.getArgumentTypes(m.desc);
    int[] slots = new int[args.length];
    for (int k = 0; k < args.length; k++) {
      slots[k] = method.maxLocals;
      method.maxLocals += args[k].getSize();
    }
    int thread = method.maxLocals++;
    int blocked = method.maxLocals++;
    for (int k = args.length - 1; k >= 0; k--) {
      before.add(new VarInsnNode(args[k].getOpcode(Opcodes.ISTORE), slots[k]));
    }
    before.add(new InsnNode(Opcodes.DUP));
    before.add(new VarInsnNode(Opcodes.ASTORE, thread));
    before.add(new InsnNode(Opcodes.DUP));
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < args.length; k++) {
        before.add(new VarInsnNode(args[k].getOpcode(Opcodes.ILOAD), slots[k]));
      }
      if (pass == 0) {
        before.add(probe("joining", "(Ljava/lang/Thread;" + m.desc.substring(1,
            m.desc.indexOf(')')) + ")Z"));
        before.add(new VarInsnNode(Opcodes.ISTORE, blocked));
      }
    }
    after.add(new VarInsnNode(Opcodes.ALOAD, thread));
    after.add(new VarInsnNode(Opcodes.ILOAD, blocked));
    after.add(probe("joined", "(Ljava/lang/Thread;Z)V"));
  }

  private static void cloneProbes(InsnList before, InsnList after) {
    before.add(new InsnNode(Opcodes.DUP));
    before.add(probe("cloning", "(Ljava/lang/Object;)V"));
    after.add(new InsnNode(Opcodes.DUP));
    after.add(probe("cloned", "(Ljava/lang/Object;)V"));
  }

  /** {@code Arrays.fill} (2 and 4 arguments) and {@code Arrays.equals(a, b)} of primitive arrays. */
  private void arraysIntrinsic(MethodInsnNode m, InsnList before) {
    Type[] args = Type.getArgumentTypes(m.desc);
    if (args.length == 0 || args[0].getSort() != Type.ARRAY) {
      return;
    }
    boolean primitive = args[0].getDimensions() == 1
        && args[0].getElementType().getSort() != Type.OBJECT;
    if (m.name.equals("fill") && args.length == 2) {
      copyArgumentsTo(m, before, "filling", "(Ljava/lang/Object;" + stackType(args[1]) + ")V");
    } else if (m.name.equals("fill") && args.length == 4 && args[1].getSort() == Type.INT
        && args[2].getSort() == Type.INT) {
      copyArgumentsTo(m, before, "filling",
          "(Ljava/lang/Object;II" + stackType(args[3]) + ")V");
    } else if (m.name.equals("equals") && args.length == 2 && primitive
        && args[1].equals(args[0])) {
      before.add(new InsnNode(Opcodes.DUP2));
      before.add(probe("comparing", "(Ljava/lang/Object;Ljava/lang/Object;)V"));
    }
  }

  /** The probe parameter type a value of type {@code t} is passed as. */
  private static String stackType(Type t) {
    return switch (t.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> "I";
      case Type.OBJECT, Type.ARRAY -> "Ljava/lang/Object;";
      default -> t.getDescriptor();
    };
  }

  /**
   * Copies a static call's arguments through fresh locals: [args] -> [args] after the probe
   * {@code name(args)} ran ({@code desc} must take the same stack shapes).
   */
  private void copyArgumentsTo(MethodInsnNode m, InsnList before, String name, String desc) {
    Type[] args = Type.getArgumentTypes(m.desc);
    int[] slots = new int[args.length];
    for (int k = 0; k < args.length; k++) {
      slots[k] = method.maxLocals;
      method.maxLocals += args[k].getSize();
    }
    for (int k = args.length - 1; k >= 0; k--) {
      before.add(new VarInsnNode(args[k].getOpcode(Opcodes.ISTORE), slots[k]));
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < args.length; k++) {
        before.add(new VarInsnNode(args[k].getOpcode(Opcodes.ILOAD), slots[k]));
      }
      if (pass == 0) {
        before.add(probe(name, desc));
      }
    }
  }

  /** A call of probe {@code name}: the guest events' in {@link GuestProbes}, the rest models. */
  private static MethodInsnNode probe(String name, String desc) {
    String owner = GUEST_PROBES.contains(name) ? GUEST : INTRINSICS;
    return new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, desc, false);
  }

  private static final Set<String> GUEST_PROBES = Set.of("spinWaiting",
      "parking", "parkingNanos", "parkingUntil", "parked", "unparking", "sleeping", "waiting",
      "waited", "notifying", "notifyingAll", "starting", "joining", "joined", "interrupting",
      "allocatedDirect", "cleaned");

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
