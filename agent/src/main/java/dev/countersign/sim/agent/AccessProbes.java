package dev.countersign.sim.agent;

import static dev.countersign.sim.agent.MethodInstrumenter.MEMORY;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The probes {@link MethodInstrumenter} puts beside field and array accesses (before them, on
 * copies of the object and index, for the cache model) and allocations (after them, the new
 * object, for {@code alloc-bytes} and the synthetic heap), calls of {@link MemoryProbes}.
 */
final class AccessProbes {

  private AccessProbes() {}

  /** The probe before field instruction {@code f}: empty but for GETFIELD and PUTFIELD. */
  static InsnList field(FieldInsnNode f) {
    InsnList l = new InsnList();
    if (f.getOpcode() == Opcodes.GETFIELD) {
      l.add(new InsnNode(Opcodes.DUP));
      l.add(push(FieldSites.register(f.owner, f.name)));
      l.add(new MethodInsnNode(
          Opcodes.INVOKESTATIC, MEMORY, "getField", "(Ljava/lang/Object;I)V", false));
    } else if (f.getOpcode() == Opcodes.PUTFIELD) {
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
    }
    return l;
  }

  /** The probe before array instruction {@code op}: empty but for loads and stores. */
  static InsnList array(int op) {
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
      return l;
    }
    int shift =
        switch (op) {
          case Opcodes.BASTORE -> 0;
          case Opcodes.CASTORE, Opcodes.SASTORE -> 1;
          case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE -> 2;
          case Opcodes.LASTORE, Opcodes.DASTORE -> 3;
          default -> -1;
        };
    InsnList l = new InsnList();
    if (shift >= 0) {
      // The store itself stays the original instruction, so its exceptions (NPE with the helpful
      // message, AIOOBE, ArrayStoreException) are raised in this frame by this bytecode. The
      // probe gets copies of array and index: [a, i, v] -> [a, i, v, a, i].
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
    }
    return l;
  }

  /** After NEWARRAY/ANEWARRAY: the new array reported. */
  static InsnList allocatedArray() {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new MethodInsnNode(
        Opcodes.INVOKESTATIC, MEMORY, "allocatedArray", "(Ljava/lang/Object;)V", false));
    return l;
  }

  /** After the constructor of a NEW whose object stays on the stack: the object reported. */
  static InsnList allocated() {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new MethodInsnNode(
        Opcodes.INVOKESTATIC, MEMORY, "allocated", "(Ljava/lang/Object;)V", false));
    return l;
  }

  /** After MULTIANEWARRAY of {@code dims} dimensions: the new array reported. */
  static InsnList allocatedMulti(int dims) {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.DUP));
    l.add(push(dims));
    l.add(new MethodInsnNode(
        Opcodes.INVOKESTATIC, MEMORY, "allocatedMulti", "(Ljava/lang/Object;I)V", false));
    return l;
  }

  private static AbstractInsnNode push(int v) {
    return MethodInstrumenter.push(v);
  }
}
