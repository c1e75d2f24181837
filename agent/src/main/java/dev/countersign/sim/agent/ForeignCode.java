package dev.countersign.sim.agent;

import static dev.countersign.sim.agent.RealInstructions.next;
import static dev.countersign.sim.agent.RealInstructions.previous;

import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The instructions JaCoCo's agent inserted into a method (its coverage probes), found by their
 * shape, so that the simulator counts the method as it is on disk:
 *
 * <ul>
 *   <li>the probe array fetched on entry: {@code invokestatic $jacocoInit()[Z; astore v} (or, in
 *       interfaces, {@code ldc $jacocoData (condy); checkcast [Z; astore v});
 *   <li>each probe: {@code aload v; push id; iconst_1; bastore};
 *   <li>a probe on a conditional jump's edge: JaCoCo inverts the jump around the probe, {@code
 *       if!cond I; probe; goto L; I:} for the original {@code ifcond L}: the inverted jump is
 *       counted as the original (its outcome negated) and the {@code goto} not at all;
 *   <li>a probe on a switch's target: {@code I: probe; goto target}, reached from the switch: the
 *       {@code goto} is not counted.
 * </ul>
 *
 * A class without {@code $jacocoInit}/{@code $jacocoData} has no foreign code.
 *
 * <p>Longer than 300 lines on purpose: the recognisers of the shapes above share one method's scan
 * state (its instructions and the local that holds the probe array), so they stay in one class.
 */
final class ForeignCode {

  /** JaCoCo's probe-array accessor method and field. */
  static final String JACOCO_INIT = "$jacocoInit";
  static final String JACOCO_DATA = "$jacocoData";
  /** Text in the constant pool of every class JaCoCo instrumented. */
  static final String JACOCO_MARK = "$jacoco";

  final Set<AbstractInsnNode> foreign = new HashSet<>();
  /** Jumps JaCoCo inverted: counted as the original, whose outcome is the opposite. */
  final Set<AbstractInsnNode> inverted = new HashSet<>();
  /** The local holding JaCoCo's probe array, or -1. */
  private int probes = -1;

  private ForeignCode() {}

  /**
   * @param onDisk the method as the class file on disk has it, or null: then a switch target
   *     starting with a probe and a {@code goto} right after the switch is taken as JaCoCo's
   */
  static ForeignCode of(MethodNode method, MethodNode onDisk) {
    ForeignCode code = new ForeignCode();
    InsnList insns = method.instructions;
    int probes = -1;
    // JaCoCo fetches the probe array as the method's first instruction
    AbstractInsnNode n = insns.getFirst();
    if (n != null && n.getOpcode() < 0) {
      n = next(n);
    }
    if (n != null) {
      if (n instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
          && m.name.equals(JACOCO_INIT) && m.desc.equals("()[Z")
          && next(n) instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE) {
        code.foreign.add(n);
        code.foreign.add(store);
        probes = store.var;
      } else if (n instanceof LdcInsnNode ldc && ldc.cst instanceof ConstantDynamic c
          && c.getName().equals(JACOCO_DATA)) {
        AbstractInsnNode x = next(n);
        code.foreign.add(n);
        if (x != null && x.getOpcode() == Opcodes.CHECKCAST) {
          code.foreign.add(x);
          x = next(x);
        }
        if (x instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE) {
          code.foreign.add(store);
          probes = store.var;
        }
      }
    }
    if (probes < 0 && onDisk != null && onDisk.instructions.size() > 0) {
      probes = inlineRuntimeAccess(method, onDisk, code);
    }
    if (probes < 0) {
      return code;
    }
    code.probes = probes;
    Map<LabelNode, AbstractInsnNode> switchTargets = new HashMap<>();
    for (AbstractInsnNode x : insns) {
      for (LabelNode l : SwitchTargets.of(x)) {
        switchTargets.put(l, x);
      }
    }
    int[] diskOps = onDisk == null || onDisk.instructions.size() == 0 ? null
        : realOpcodes(onDisk);
    int own = 0; // the method's own instructions before n
    for (n = insns.getFirst(); n != null; n = n.getNext()) {
      if (n.getOpcode() < 0 || code.foreign.contains(n)) {
        continue;
      }
      if (!isProbe(n, probes)) {
        own++;
        continue;
      }
      AbstractInsnNode push = next(n);
      AbstractInsnNode one = next(push);
      AbstractInsnNode store = next(one);
      code.foreign.add(n);
      code.foreign.add(push);
      code.foreign.add(one);
      code.foreign.add(store);
      AbstractInsnNode after = next(store);
      if (after == null || after.getOpcode() != Opcodes.GOTO) {
        continue;
      }
      AbstractInsnNode before = previous(n);
      if (before instanceof JumpInsnNode j && j.getOpcode() != Opcodes.GOTO
          && j.getOpcode() != Opcodes.JSR && j.label == labelAfter(after)
          && (diskOps == null || own - 1 < diskOps.length
              && diskOps[own - 1] == inverse(j.getOpcode()))) {
        code.foreign.add(after);
        code.inverted.add(j);
      } else if (code.isIntermediate(n, switchTargets, method, onDisk)) {
        code.foreign.add(after);
      }
    }
    return code;
  }

  /**
   * JaCoCo's inline fetch of the probe array (in an interface's {@code <clinit>}: the runtime's
   * access code, ending {@code checkcast [Z; [dup; putstatic $jacocoData;] astore v}) within the first instructions, where the
   * code after it starts as the method on disk does: marks it foreign, returns {@code v} or -1.
   */
  private static int inlineRuntimeAccess(MethodNode method, MethodNode onDisk, ForeignCode code) {
    int seen = 0;
    for (AbstractInsnNode n = method.instructions.getFirst(); n != null && seen < 64;
        n = n.getNext()) {
      if (n.getOpcode() < 0) {
        continue;
      }
      seen++;
      if (n.getOpcode() != Opcodes.CHECKCAST
          || !"[Z".equals(((org.objectweb.asm.tree.TypeInsnNode) n).desc)) {
        continue;
      }
      AbstractInsnNode at = next(n);
      if (at != null && at.getOpcode() == Opcodes.DUP && next(at) instanceof FieldInsnNode f
          && f.getOpcode() == Opcodes.PUTSTATIC && f.name.equals(JACOCO_DATA)) {
        at = next(f); // the array also kept in $jacocoData
      }
      if (at instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE) {
        AbstractInsnNode first = next(store);
        while (first != null && isProbe(first, store.var)) {
          first = next(next(next(next(first))));
        }
        AbstractInsnNode diskFirst = onDisk.instructions.getFirst();
        if (diskFirst != null && diskFirst.getOpcode() < 0) {
          diskFirst = next(diskFirst);
        }
        if (first == null || diskFirst == null || first.getOpcode() != diskFirst.getOpcode()) {
          return -1;
        }
        for (AbstractInsnNode x = method.instructions.getFirst(); x != first; x = x.getNext()) {
          if (x.getOpcode() >= 0 && !isProbe(x, store.var)) {
            code.foreign.add(x);
          }
          if (x == store) {
            break;
          }
        }
        return store.var;
      }
    }
    return -1;
  }

  private static int[] realOpcodes(MethodNode method) {
    return java.util.stream.StreamSupport.stream(method.instructions.spliterator(), false)
        .mapToInt(AbstractInsnNode::getOpcode).filter(op -> op >= 0).toArray();
  }

  /** The conditional jump taken exactly when {@code op} is not. */
  private static int inverse(int op) {
    if (op == Opcodes.IFNULL || op == Opcodes.IFNONNULL) {
      return op == Opcodes.IFNULL ? Opcodes.IFNONNULL : Opcodes.IFNULL;
    }
    // IFEQ/IFNE, IFLT/IFGE, IFGT/IFLE, IF_ICMPxx and IF_ACMPxx come in pairs from an even base
    int base = op >= Opcodes.IF_ACMPEQ ? Opcodes.IF_ACMPEQ
        : op >= Opcodes.IF_ICMPEQ ? Opcodes.IF_ICMPEQ : Opcodes.IFEQ;
    return base + ((op - base) ^ 1);
  }

  private static boolean isProbe(AbstractInsnNode n, int probes) {
    if (!(n instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD
        || load.var != probes) {
      return false;
    }
    AbstractInsnNode push = next(n);
    AbstractInsnNode one = push == null ? null : next(push);
    AbstractInsnNode store = one == null ? null : next(one);
    return push != null && isIntPush(push) && one != null && one.getOpcode() == Opcodes.ICONST_1
        && store != null && store.getOpcode() == Opcodes.BASTORE;
  }

  private static boolean isIntPush(AbstractInsnNode n) {
    int op = n.getOpcode();
    return op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5
        || n instanceof IntInsnNode && (op == Opcodes.BIPUSH || op == Opcodes.SIPUSH)
        || n instanceof LdcInsnNode ldc && ldc.cst instanceof Integer;
  }

  /**
   * Whether the probe at {@code n} (followed by a {@code goto}) is one of JaCoCo's intermediate
   * switch targets rather than the start of a case of the method's own: with the method on disk,
   * when the code the {@code goto} leads to starts as the case did on disk (an own case that
   * starts with a probe and a {@code goto} — a {@code break} — starts on disk with that {@code
   * goto}, not with where it leads); without, when it follows the switch or another
   * intermediate.
   */
  private boolean isIntermediate(AbstractInsnNode n,
      Map<LabelNode, AbstractInsnNode> switchTargets, MethodNode method, MethodNode onDisk) {
    AbstractInsnNode owner = null;
    LabelNode target = null;
    AbstractInsnNode x = n.getPrevious();
    for (; x != null && x.getOpcode() < 0; x = x.getPrevious()) {
      if (x instanceof LabelNode l && switchTargets.containsKey(l)) {
        owner = switchTargets.get(l);
        target = l;
      }
    }
    if (owner == null) {
      return false;
    }
    if (onDisk == null || onDisk.instructions.size() == 0) {
      return x != null && (x == owner || foreign.contains(x) && x.getOpcode() == Opcodes.GOTO);
    }
    AbstractInsnNode diskSwitch = nthSwitch(onDisk, switchIndex(method, owner));
    LabelNode diskTarget = diskSwitch == null ? null : sameCase(owner, target, diskSwitch);
    if (diskTarget == null) {
      return false;
    }
    AbstractInsnNode jump = next(next(next(next(n))));
    if (diskTarget == firstCaseAfter(diskSwitch)) {
      // the case laid out right after the switch on disk: JaCoCo's intermediates come before
      // that case's code, so an intermediate for it jumps to where its chain of intermediates
      // ends; a probe and a goto elsewhere are that case's own (a break)
      return jumpsPastChain((JumpInsnNode) jump);
    }
    AbstractInsnNode leadsTo = skipProbes(next(((JumpInsnNode) jump).label));
    AbstractInsnNode diskStart = next(diskTarget);
    return leadsTo != null && diskStart != null && leadsTo.getOpcode() == diskStart.getOpcode();
  }

  /** Whether {@code jump} leads to the code right after the run of probe-and-goto blocks it ends. */
  private boolean jumpsPastChain(JumpInsnNode jump) {
    AbstractInsnNode x = jump.getNext();
    while (true) {
      Set<LabelNode> labels = new HashSet<>();
      while (x != null && x.getOpcode() < 0) {
        if (x instanceof LabelNode l) {
          labels.add(l);
        }
        x = x.getNext();
      }
      if (labels.contains(jump.label)) {
        return true;
      }
      if (x == null || !isProbe(x, probes)) {
        return false;
      }
      AbstractInsnNode g = next(next(next(next(x))));
      if (g == null || g.getOpcode() != Opcodes.GOTO) {
        return false;
      }
      x = g.getNext();
    }
  }

  /** The switch target whose label is the first after {@code sw} on disk, or null. */
  private static LabelNode firstCaseAfter(AbstractInsnNode sw) {
    List<LabelNode> targets = SwitchTargets.of(sw);
    for (AbstractInsnNode x = sw.getNext(); x != null && x.getOpcode() < 0; x = x.getNext()) {
      if (x instanceof LabelNode label && targets.contains(label)) {
        return label;
      }
    }
    return null;
  }

  private AbstractInsnNode skipProbes(AbstractInsnNode n) {
    while (n != null && isProbe(n, probes)) {
      n = next(next(next(next(n))));
    }
    return n;
  }

  private static int switchIndex(MethodNode method, AbstractInsnNode sw) {
    int i = 0;
    for (AbstractInsnNode x : method.instructions) {
      if (x == sw) {
        return i;
      }
      if (SwitchTargets.isSwitch(x)) {
        i++;
      }
    }
    return -1;
  }

  private static AbstractInsnNode nthSwitch(MethodNode method, int index) {
    int i = 0;
    for (AbstractInsnNode x : method.instructions) {
      if (SwitchTargets.isSwitch(x)) {
        if (i++ == index) {
          return x;
        }
      }
    }
    return null;
  }

  /** The target of {@code disk} (a switch on disk) for a case {@code sw} sends to {@code label}. */
  private static LabelNode sameCase(AbstractInsnNode sw, LabelNode label, AbstractInsnNode disk) {
    if (sw instanceof TableSwitchInsnNode t && disk instanceof TableSwitchInsnNode d) {
      if (t.dflt == label) {
        return d.dflt;
      }
      int i = t.labels.indexOf(label);
      return i >= 0 && i < d.labels.size() ? d.labels.get(i) : null;
    }
    if (sw instanceof LookupSwitchInsnNode t && disk instanceof LookupSwitchInsnNode d) {
      if (t.dflt == label) {
        return d.dflt;
      }
      int i = t.labels.indexOf(label);
      int k = i < 0 ? -1 : d.keys.indexOf(t.keys.get(i));
      return k >= 0 ? d.labels.get(k) : null;
    }
    return null;
  }

  /** The label right after {@code n} (only labels, frames and line numbers between), or null. */
  private static LabelNode labelAfter(AbstractInsnNode n) {
    for (AbstractInsnNode x = n.getNext(); x != null && x.getOpcode() < 0; x = x.getNext()) {
      if (x instanceof LabelNode l) {
        return l;
      }
    }
    return null;
  }
}
