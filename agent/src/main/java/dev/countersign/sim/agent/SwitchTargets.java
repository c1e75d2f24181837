package dev.countersign.sim.agent;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/** The targets of a {@code tableswitch} or {@code lookupswitch}. */
final class SwitchTargets {

  private SwitchTargets() {}

  /** Whether {@code n} is a {@code tableswitch} or {@code lookupswitch}. */
  static boolean isSwitch(AbstractInsnNode n) {
    return n instanceof TableSwitchInsnNode || n instanceof LookupSwitchInsnNode;
  }

  /**
   * The default target, then the cases' in the instruction's order (a label may appear more
   * than once); empty (and immutable) when {@code n} is no switch.
   */
  static List<LabelNode> of(AbstractInsnNode n) {
    List<LabelNode> labels;
    LabelNode dflt;
    if (n instanceof TableSwitchInsnNode s) {
      labels = s.labels;
      dflt = s.dflt;
    } else if (n instanceof LookupSwitchInsnNode s) {
      labels = s.labels;
      dflt = s.dflt;
    } else {
      return List.of();
    }
    List<LabelNode> l = new ArrayList<>(labels.size() + 1);
    l.add(dflt);
    l.addAll(labels);
    return l;
  }
}
