package dev.countersign.sim.agent;

import static dev.countersign.sim.agent.MethodInstrumenter.GUEST;
import static dev.countersign.sim.agent.MethodInstrumenter.INTRINSICS;

import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The probes {@link MethodInstrumenter} puts around calls of the JDK methods that are guest events
 * ({@code park}, {@code sleep}, {@code wait}/{@code notify}, thread start/join/interrupt, direct
 * buffers: {@link GuestProbes}) or modelled intrinsics ({@link IntrinsicModels}, {@code
 * System.arraycopy}, {@code Arrays.fill}/{@code equals}, array clones: {@link IntrinsicProbes}).
 * Operands the probes need beyond the stack are kept in fresh locals of {@code method}.
 */
final class CallSiteProbes {

  private final MethodNode method;

  CallSiteProbes(MethodNode method) {
    this.method = method;
  }

  /**
   * Brackets a JDK call that is a guest event or a modelled intrinsic with probes of {@link
   * GuestProbes} / {@link IntrinsicProbes}. The call itself
   * stays the original instruction, so whatever it throws (a null receiver's helpful NPE, an
   * IllegalMonitorStateException) comes from this frame exactly as without the agent. Operands
   * the probes need are copied on the stack, or through fresh locals beyond the method's own
   * (which no stack-map frame mentions, so the frames stay valid).
   */
  void bracket(MethodInsnNode m) {
    InsnList insns = method.instructions;
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
}
