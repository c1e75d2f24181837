package dev.countersign.sim.agent;

import org.objectweb.asm.tree.AbstractInsnNode;

/** Neighbours of an instruction in ASM's tree, skipping labels, line numbers and frames. */
final class RealInstructions {

  private RealInstructions() {}

  /** The first real instruction after {@code n} (an opcode of 0 or more), or null. */
  static AbstractInsnNode next(AbstractInsnNode n) {
    AbstractInsnNode x = n.getNext();
    while (x != null && x.getOpcode() < 0) {
      x = x.getNext();
    }
    return x;
  }

  /** The last real instruction before {@code n}, or null. */
  static AbstractInsnNode previous(AbstractInsnNode n) {
    AbstractInsnNode x = n.getPrevious();
    while (x != null && x.getOpcode() < 0) {
      x = x.getPrevious();
    }
    return x;
  }
}
