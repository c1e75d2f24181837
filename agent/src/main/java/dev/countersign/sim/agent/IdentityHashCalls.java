package dev.countersign.sim.agent;

import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Points a method's identity-hash calls at {@link IdentityHashes}, so that the program's identity
 * hash codes are the same in every JVM. Runs after {@link MethodInstrumenter} (its instructions are
 * not counted; the calls keep their weight):
 *
 * <ul>
 *   <li>{@code System.identityHashCode(o)} becomes {@code IdentityHashes.identityHashCode(o)}
 *       (it cannot throw, null included);
 *   <li>{@code o.hashCode()} (virtual, interface or {@code super.}) stays the original call, which
 *       throws what it throws from this frame and runs a class's own {@code hashCode} as before;
 *       a probe before it reads the deterministic code when the call ends in {@code
 *       Object.hashCode}, and one after it returns that code instead of the JVM's: {@code [o] ->
 *       dup, before(o), swap, o.hashCode(), hashCode(code, h)} — no branch, so the class's
 *       stack-map frames stay valid.
 * </ul>
 */
final class IdentityHashCalls {

  static final String HASHES = "dev/countersign/sim/agent/IdentityHashes";

  /** Receivers whose classes are final and have their own {@code hashCode}: left alone. */
  private static final Set<String> OWN_HASH = Set.of("java/lang/String", "java/lang/Integer",
      "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
      "java/lang/Boolean", "java/lang/Double", "java/lang/Float");

  private IdentityHashCalls() {}

  /**
   * Rewrites {@code method}'s calls in place.
   *
   * @param classVersion the class file's major version: {@code super.hashCode()} of a class other
   *     than {@code Object} needs a class constant (version 49 and later)
   */
  static void rewrite(MethodNode method, int classVersion) {
    InsnList insns = method.instructions;
    for (AbstractInsnNode n : insns.toArray()) {
      if (!(n instanceof MethodInsnNode m) || m.owner.startsWith("dev/countersign/sim/agent/")) {
        continue;
      }
      if (m.getOpcode() == Opcodes.INVOKESTATIC && m.owner.equals("java/lang/System")
          && m.name.equals("identityHashCode") && m.desc.equals("(Ljava/lang/Object;)I")) {
        m.owner = HASHES;
        continue;
      }
      if (!m.name.equals("hashCode") || !m.desc.equals("()I") || OWN_HASH.contains(m.owner)) {
        continue;
      }
      InsnList before = new InsnList();
      before.add(new InsnNode(Opcodes.DUP));
      switch (m.getOpcode()) {
        case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE -> before.add(
            call("beforeHashCode", "(Ljava/lang/Object;)I"));
        case Opcodes.INVOKESPECIAL -> {
          if (m.owner.equals("java/lang/Object")) {
            before.add(call("beforeObjectHashCode", "(Ljava/lang/Object;)I"));
          } else if ((classVersion & 0xFFFF) >= Opcodes.V1_5) {
            before.add(new LdcInsnNode(Type.getObjectType(m.owner)));
            before.add(call("beforeSuperHashCode", "(Ljava/lang/Object;Ljava/lang/Class;)I"));
          } else {
            continue;
          }
        }
        default -> {
          continue;
        }
      }
      before.add(new InsnNode(Opcodes.SWAP));
      insns.insertBefore(m, before);
      insns.insert(m, call("hashCode", "(II)I"));
    }
  }

  private static MethodInsnNode call(String name, String desc) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, HASHES, name, desc, false);
  }
}
