package dev.countersign.sim.agent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
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
 */
final class ForeignCode {

  /** JaCoCo's probe-array accessor method and field. */
  static final String JACOCO_INIT = "$jacocoInit";
  static final String JACOCO_DATA = "$jacocoData";

  final Set<AbstractInsnNode> foreign = new HashSet<>();
  /** Jumps JaCoCo inverted: counted as the original, whose outcome is the opposite. */
  final Set<AbstractInsnNode> inverted = new HashSet<>();

  private ForeignCode() {}

  static ForeignCode of(MethodNode method) {
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
    if (probes < 0) {
      return code;
    }
    Map<LabelNode, AbstractInsnNode> switchTargets = new HashMap<>();
    for (AbstractInsnNode x : insns) {
      if (x instanceof TableSwitchInsnNode s) {
        switchTargets.put(s.dflt, s);
        s.labels.forEach(l -> switchTargets.put(l, s));
      } else if (x instanceof LookupSwitchInsnNode s) {
        switchTargets.put(s.dflt, s);
        s.labels.forEach(l -> switchTargets.put(l, s));
      }
    }
    for (n = insns.getFirst(); n != null; n = n.getNext()) {
      if (!isProbe(n, probes)) {
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
          && j.getOpcode() != Opcodes.JSR && j.label == labelAfter(after)) {
        code.foreign.add(after);
        code.inverted.add(j);
      } else if (startsSwitchTarget(n, switchTargets)) {
        code.foreign.add(after);
      }
    }
    return code;
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

  /** Whether the probe at {@code n} is the first code of a switch's target. */
  private static boolean startsSwitchTarget(AbstractInsnNode n,
      Map<LabelNode, AbstractInsnNode> switchTargets) {
    for (AbstractInsnNode x = n.getPrevious(); x != null && x.getOpcode() < 0; x = x.getPrevious()) {
      if (x instanceof LabelNode l && switchTargets.containsKey(l)) {
        return true;
      }
    }
    return false;
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

  private static AbstractInsnNode next(AbstractInsnNode n) {
    AbstractInsnNode x = n.getNext();
    while (x != null && x.getOpcode() < 0) {
      x = x.getNext();
    }
    return x;
  }

  private static AbstractInsnNode previous(AbstractInsnNode n) {
    AbstractInsnNode x = n.getPrevious();
    while (x != null && x.getOpcode() < 0) {
      x = x.getPrevious();
    }
    return x;
  }
}
