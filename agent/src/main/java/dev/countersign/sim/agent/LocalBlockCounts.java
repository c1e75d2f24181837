package dev.countersign.sim.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The code {@link MethodInstrumenter} emits for its basic blocks' counts. In {@linkplain #of
 * local} mode a method adds each block's weight, branches and folded instructions ({@link
 * InlinePolicy}, a third local only in a method that has some) to int locals of its frame (an
 * {@code iinc} each, a register add once compiled) and hands the sums to {@link SimRuntime#block}
 * (or {@link SimRuntime#foldedBlock})
 * only where the machine that counts could change or the method ends: before every call, at
 * every backward jump (a loop's iteration) and at every exit, a catch-all handler flushing what
 * an exception leaves pending. Counts are those of {@link #direct} mode (a runtime call per block):
 * between a block's end and the next flush no call runs (class initialisers aside, which leave
 * the thread's machine as they found it), so the same machine counts it, and a guest event's
 * timestamp, taken in a call, sees the same instructions.
 *
 * <p>Direct mode, the runtime call per block: constructors (a handler may not cover the code
 * before {@code super()}) and class files before Java 7 (no mandatory stack-map frames; JSR).
 * Local mode reads the class with expanded frames ({@link ClassInstrumenter}) and adds the
 * locals to every frame.
 */
final class LocalBlockCounts {

  private final MethodNode method;
  /** The locals of pending weight, branches and folded instructions, -1 in direct mode. */
  private final int weightLocal;
  private final int branchLocal;
  /** -1 also when the method folds nothing. */
  private final int foldLocal;
  /** Whether some block may have ended since the last flush, on a path reaching this point. */
  private boolean pending;
  private final Set<LabelNode> passed = new HashSet<>();

  private LocalBlockCounts(MethodNode method, boolean local, boolean folds) {
    this.method = method;
    weightLocal = local ? method.maxLocals : -1;
    branchLocal = local ? weightLocal + 1 : -1;
    foldLocal = local && folds ? weightLocal + 2 : -1;
    method.maxLocals += local ? folds ? 3 : 2 : 0;
  }

  /**
   * The counting of {@code method}'s blocks; call before any other locals are allocated. {@code
   * folds}: some block may leave instructions out of cycles; {@code localAllowed}: false for
   * direct mode whatever the method ({@link CountingLevel#COUNTS_DIRECT}).
   */
  static LocalBlockCounts of(MethodNode method, int classVersion, boolean folds,
      boolean localAllowed) {
    boolean local = localAllowed && (classVersion & 0xFFFF) >= Opcodes.V1_7
        && !method.name.equals("<init>");
    return new LocalBlockCounts(method, local, folds);
  }

  /** A block ends and control stays in the method: a fall-through, forward jump, switch, throw. */
  InsnList blockEnds(int weight, int branches, int fold) {
    if (weightLocal < 0) {
      return call(weight, branches, fold);
    }
    InsnList l = new InsnList();
    if (weight != 0) {
      l.add(new IincInsnNode(weightLocal, weight));
    }
    if (branches != 0) {
      l.add(new IincInsnNode(branchLocal, branches));
    }
    if (fold != 0) {
      if (foldLocal < 0) {
        throw new IllegalStateException("a fold in a method said to fold nothing");
      }
      l.add(new IincInsnNode(foldLocal, fold));
    }
    pending |= l.size() > 0;
    return l;
  }

  /** A block ends at a jump or switch to {@code to}: flushing if one is backward (a loop). */
  InsnList jumpEnds(int weight, int branches, int fold, List<LabelNode> to) {
    for (LabelNode l : to) {
      if (passed.contains(l)) {
        return flushing(weight, branches, fold, true);
      }
    }
    return blockEnds(weight, branches, fold);
  }

  /** A block ends at a return. */
  InsnList exitEnds(int weight, int branches, int fold) {
    return flushing(weight, branches, fold, false);
  }

  /** The block's counts and what is pending to the runtime; {@code reset}: the method goes on. */
  private InsnList flushing(int weight, int branches, int fold, boolean reset) {
    if (weightLocal < 0 || !pending) {
      return call(weight, branches, fold); // nothing pending: the locals are 0
    }
    InsnList l = new InsnList();
    l.add(sum(weightLocal, weight));
    l.add(sum(branchLocal, branches));
    if (foldLocal >= 0) {
      l.add(sum(foldLocal, fold));
    }
    l.add(flushCall());
    if (reset) {
      l.add(resetLocals());
    }
    pending = false;
    return l;
  }

  /** Before a call: what is pending goes to the machine that counts now. */
  InsnList beforeCall() {
    InsnList l = new InsnList();
    if (weightLocal >= 0 && pending) {
      l.add(sum(weightLocal, 0));
      l.add(sum(branchLocal, 0));
      if (foldLocal >= 0) {
        l.add(sum(foldLocal, 0));
      }
      l.add(flushCall());
      l.add(resetLocals());
      pending = false;
    }
    return l;
  }

  /** Local {@code var} plus {@code v} on the stack. */
  private static InsnList sum(int var, int v) {
    InsnList l = new InsnList();
    l.add(new VarInsnNode(Opcodes.ILOAD, var));
    if (v != 0) {
      l.add(push(v));
      l.add(new InsnNode(Opcodes.IADD));
    }
    return l;
  }

  /** The runtime call taking the pending sums on the stack. */
  private MethodInsnNode flushCall() {
    return foldLocal < 0 ? runtime("block", "(II)V") : runtime("foldedBlock", "(III)V");
  }

  /**
   * The instrumenter passed label {@code l} (a jump to it from now on is backward); {@code
   * target}: a branch target or handler, where a path from elsewhere may bring pending counts.
   */
  void passed(LabelNode l, boolean target) {
    passed.add(l);
    pending |= target;
  }

  /**
   * After the method's instructions are instrumented: the locals set to 0 on entry, declared in
   * every stack-map frame, and the catch-all handler that flushes them when an exception leaves.
   */
  void finish() {
    if (weightLocal < 0) {
      return;
    }
    InsnList insns = method.instructions;
    List<FrameNode> frames = new ArrayList<>();
    for (AbstractInsnNode n : insns) {
      if (n instanceof FrameNode f) {
        frames.add(f);
      }
    }
    for (FrameNode f : frames) {
      if (f.type != Opcodes.F_NEW) {
        throw new IllegalStateException("frames must be expanded (ClassReader.EXPAND_FRAMES)");
      }
      f.local = withCounters(f.local);
    }
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    InsnList head = resetLocals();
    head.add(start);
    insns.insert(head);
    insns.add(end);
    insns.add(handler);
    insns.add(new FrameNode(Opcodes.F_NEW, 0, null, 1, new Object[] {"java/lang/Throwable"}));
    FrameNode handlerFrame = (FrameNode) insns.getLast();
    handlerFrame.local = withCounters(new ArrayList<>());
    insns.add(sum(weightLocal, 0));
    insns.add(sum(branchLocal, 0));
    if (foldLocal >= 0) {
      insns.add(sum(foldLocal, 0));
    }
    insns.add(flushCall());
    insns.add(new InsnNode(Opcodes.ATHROW));
    method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
  }

  /** A frame's locals padded with TOP up to the counters' slots, then the two ints. */
  private List<Object> withCounters(List<Object> locals) {
    List<Object> l = new ArrayList<>(locals == null ? List.of() : locals);
    int slots = 0;
    for (Object t : l) {
      slots += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
    }
    while (slots < weightLocal) {
      l.add(Opcodes.TOP);
      slots++;
    }
    l.add(Opcodes.INTEGER);
    l.add(Opcodes.INTEGER);
    if (foldLocal >= 0) {
      l.add(Opcodes.INTEGER);
    }
    return l;
  }

  private InsnList resetLocals() {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.ICONST_0));
    l.add(new VarInsnNode(Opcodes.ISTORE, weightLocal));
    l.add(new InsnNode(Opcodes.ICONST_0));
    l.add(new VarInsnNode(Opcodes.ISTORE, branchLocal));
    if (foldLocal >= 0) {
      l.add(new InsnNode(Opcodes.ICONST_0));
      l.add(new VarInsnNode(Opcodes.ISTORE, foldLocal));
    }
    return l;
  }

  /**
   * The runtime call per block: {@code fold} of its weight (calls and returns inlined, checks
   * eliminated: {@link InlinePolicy}) is left out of {@code cycles}.
   */
  private static InsnList call(int weight, int branches, int fold) {
    InsnList l = new InsnList();
    if (weight == 0 && branches == 0 && fold == 0) {
      return l;
    }
    l.add(push(weight));
    l.add(push(branches));
    if (fold == 0) {
      l.add(runtime("block", "(II)V"));
    } else {
      l.add(push(fold));
      l.add(runtime("foldedBlock", "(III)V"));
    }
    return l;
  }

  private static MethodInsnNode runtime(String name, String desc) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, MethodInstrumenter.RT, name, desc, false);
  }

  private static AbstractInsnNode push(int v) {
    return MethodInstrumenter.push(v);
  }
}
