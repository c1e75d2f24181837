package dev.countersign.sim.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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

/**
 * Instruments one method in place:
 *
 * <ul>
 *   <li>each basic block calls {@link SimRuntime#block} with its {@link OpcodeWeights weight} and
 *       its count of jumps, calls and returns, just before the instruction that ends it (a jump,
 *       switch, return or throw) or before the next branch target — so a block an exception
 *       leaves early is not counted;
 *   <li>each conditional branch and switch reports its operands and site first;
 *   <li>field and array loads report the accessed object and index; array stores are replaced by
 *       {@code SimRuntime.xastore}, which stores;
 *   <li>allocations report the new object after its constructor (NEW) or at once (arrays);
 *   <li>calls of {@code Thread.onSpinWait}, {@code LockSupport.park*}/{@code unpark}, {@code
 *       Thread.sleep}, {@code Object.wait}/{@code notify*}, {@code Thread.start}, {@code
 *       ByteBuffer.allocateDirect} and {@code Unsafe.invokeCleaner} are redirected to wrappers.
 * </ul>
 *
 * <p>Branch sites are identified by a hash of class, method, descriptor and instruction index, so
 * that predictor indexes do not depend on the order classes are loaded in.
 */
final class MethodInstrumenter {

  private static final String RT = "dev/countersign/sim/agent/SimRuntime";

  private final String owner;
  private final MethodNode method;
  private final InsnList insns;
  private final int methodHash;

  MethodInstrumenter(String owner, MethodNode method) {
    this.owner = owner;
    this.method = method;
    this.insns = method.instructions;
    this.methodHash = (owner.hashCode() * 31 + method.name.hashCode()) * 31 + method.desc.hashCode();
  }

  void instrument() {
    if (insns.size() == 0) {
      return;
    }
    Set<LabelNode> targets = branchTargets();
    AbstractInsnNode[] nodes = insns.toArray();
    boolean constructor = method.name.equals("<init>");
    boolean receiverInitialized = !constructor;
    Deque<TypeInsnNode> pendingNew = new ArrayDeque<>();
    int weight = 0;
    int unconditional = 0;
    for (int index = 0; index < nodes.length; index++) {
      AbstractInsnNode n = nodes[index];
      int op = n.getOpcode();
      if (op < 0) {
        if (n instanceof LabelNode l && targets.contains(l) && (weight > 0 || unconditional > 0)) {
          insns.insertBefore(n, blockCall(weight, unconditional));
          weight = 0;
          unconditional = 0;
        }
        continue;
      }
      weight += OpcodeWeights.of(op);
      switch (n.getType()) {
        case AbstractInsnNode.JUMP_INSN -> {
          if (op == Opcodes.GOTO || op == Opcodes.JSR) {
            unconditional++;
            insns.insertBefore(n, blockCall(weight, unconditional));
          } else {
            insns.insertBefore(n, blockCall(weight, unconditional));
            insns.insertBefore(n, branchProbe(op, site(index)));
          }
          weight = 0;
          unconditional = 0;
        }
        case AbstractInsnNode.TABLESWITCH_INSN, AbstractInsnNode.LOOKUPSWITCH_INSN -> {
          insns.insertBefore(n, blockCall(weight, unconditional));
          InsnList probe = new InsnList();
          probe.add(new InsnNode(Opcodes.DUP));
          probe.add(push(site(index)));
          probe.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "switchOn", "(II)V", false));
          insns.insertBefore(n, probe);
          weight = 0;
          unconditional = 0;
        }
        case AbstractInsnNode.FIELD_INSN -> {
          if (receiverInitialized) {
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
              Opcodes.INVOKESTATIC, RT, "allocatedMulti", "(Ljava/lang/Object;I)V", false));
          insns.insert(n, after);
        }
        case AbstractInsnNode.METHOD_INSN, AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
          unconditional++;
          if (n instanceof MethodInsnNode m) {
            if (op == Opcodes.INVOKESPECIAL && m.name.equals("<init>")) {
              if (!pendingNew.isEmpty() && pendingNew.peek().desc.equals(m.owner)) {
                TypeInsnNode created = pendingNew.pop();
                if (nextReal(created) != null && nextReal(created).getOpcode() == Opcodes.DUP) {
                  InsnList after = new InsnList();
                  after.add(new InsnNode(Opcodes.DUP));
                  after.add(new MethodInsnNode(
                      Opcodes.INVOKESTATIC, RT, "allocated", "(Ljava/lang/Object;)V", false));
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
          if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.ATHROW) {
            if (op != Opcodes.ATHROW) {
              unconditional++;
            }
            insns.insertBefore(n, blockCall(weight, unconditional));
            weight = 0;
            unconditional = 0;
          } else {
            instrumentArray((InsnNode) n, op);
          }
        }
        default -> {
          if (op == Opcodes.RET) {
            unconditional++;
            insns.insertBefore(n, blockCall(weight, unconditional));
            weight = 0;
            unconditional = 0;
          }
        }
      }
    }
  }

  private Set<LabelNode> branchTargets() {
    Set<LabelNode> t = new HashSet<>();
    for (AbstractInsnNode n : insns) {
      if (n instanceof JumpInsnNode j) {
        t.add(j.label);
      } else if (n instanceof TableSwitchInsnNode s) {
        t.add(s.dflt);
        t.addAll(s.labels);
      } else if (n instanceof LookupSwitchInsnNode s) {
        t.add(s.dflt);
        t.addAll(s.labels);
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

  private static InsnList blockCall(int weight, int unconditional) {
    InsnList l = new InsnList();
    if (weight == 0 && unconditional == 0) {
      return l;
    }
    l.add(push(weight));
    l.add(push(unconditional));
    l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "block", "(II)V", false));
    return l;
  }

  private static InsnList branchProbe(int op, int site) {
    InsnList l = new InsnList();
    int base = site & ~7;
    switch (op) {
      case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE -> {
        l.add(new InsnNode(Opcodes.DUP));
        l.add(push(base | (op - Opcodes.IFEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchInt", "(II)V", false));
      }
      case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE,
          Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE -> {
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(push(base | (op - Opcodes.IF_ICMPEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchIntInt", "(III)V", false));
      }
      case Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> {
        l.add(new InsnNode(Opcodes.DUP2));
        l.add(push(base | (op - Opcodes.IF_ACMPEQ)));
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, "branchRefs",
            "(Ljava/lang/Object;Ljava/lang/Object;I)V", false));
      }
      case Opcodes.IFNULL, Opcodes.IFNONNULL -> {
        l.add(new InsnNode(Opcodes.DUP));
        l.add(push(base | (op == Opcodes.IFNULL ? 0 : 1)));
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
          Opcodes.INVOKESTATIC, RT, "getField", "(Ljava/lang/Object;I)V", false));
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
          Opcodes.INVOKESTATIC, RT, "putField", "(Ljava/lang/Object;I)V", false));
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
      l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RT, load, "(Ljava/lang/Object;I)V", false));
      insns.insertBefore(n, l);
      return;
    }
    String[] store =
        switch (op) {
          case Opcodes.IASTORE -> new String[] {"iastore", "([III)V"};
          case Opcodes.LASTORE -> new String[] {"lastore", "([JIJ)V"};
          case Opcodes.FASTORE -> new String[] {"fastore", "([FIF)V"};
          case Opcodes.DASTORE -> new String[] {"dastore", "([DID)V"};
          case Opcodes.AASTORE -> new String[] {"aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V"};
          case Opcodes.BASTORE -> new String[] {"bastore", "(Ljava/lang/Object;II)V"};
          case Opcodes.CASTORE -> new String[] {"castore", "([CII)V"};
          case Opcodes.SASTORE -> new String[] {"sastore", "([SII)V"};
          default -> null;
        };
    if (store != null) {
      insns.set(n, new MethodInsnNode(Opcodes.INVOKESTATIC, RT, store[0], store[1], false));
    }
  }

  private static InsnList allocatedArray() {
    InsnList l = new InsnList();
    l.add(new InsnNode(Opcodes.DUP));
    l.add(new MethodInsnNode(
        Opcodes.INVOKESTATIC, RT, "allocatedArray", "(Ljava/lang/Object;)V", false));
    return l;
  }

  /** Redirects a JDK call that is a guest event to its wrapper in {@link SimRuntime}. */
  private void redirect(MethodInsnNode m) {
    String key = m.owner + "." + m.name + m.desc;
    String target = null;
    String desc = m.desc;
    switch (m.getOpcode()) {
      case Opcodes.INVOKESTATIC -> {
        switch (key) {
          case "java/lang/Thread.onSpinWait()V" -> target = "onSpinWait";
          case "java/util/concurrent/locks/LockSupport.park()V",
              "java/util/concurrent/locks/LockSupport.park(Ljava/lang/Object;)V",
              "java/util/concurrent/locks/LockSupport.parkNanos(J)V",
              "java/util/concurrent/locks/LockSupport.parkNanos(Ljava/lang/Object;J)V",
              "java/util/concurrent/locks/LockSupport.parkUntil(J)V",
              "java/util/concurrent/locks/LockSupport.parkUntil(Ljava/lang/Object;J)V",
              "java/util/concurrent/locks/LockSupport.unpark(Ljava/lang/Thread;)V",
              "java/lang/Thread.sleep(J)V",
              "java/lang/Thread.sleep(JI)V" -> target = m.name;
          case "java/nio/ByteBuffer.allocateDirect(I)Ljava/nio/ByteBuffer;" ->
              target = "allocateDirect";
          default -> {
            // not a guest event
          }
        }
      }
      case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE -> {
        String sig = m.name + m.desc;
        switch (sig) {
          // final in Object: whatever the owner, these are Object's methods
          case "wait()V", "wait(J)V", "wait(JI)V" -> {
            target = "objectWait";
            desc = "(Ljava/lang/Object;" + m.desc.substring(1);
          }
          case "notify()V" -> {
            target = "objectNotify";
            desc = "(Ljava/lang/Object;)V";
          }
          case "notifyAll()V" -> {
            target = "objectNotifyAll";
            desc = "(Ljava/lang/Object;)V";
          }
          default -> {
            if (key.equals("java/lang/Thread.start()V")) {
              target = "threadStart";
              desc = "(Ljava/lang/Thread;)V";
            } else if (key.equals("sun/misc/Unsafe.invokeCleaner(Ljava/nio/ByteBuffer;)V")) {
              target = "invokeCleaner";
              desc = "(Lsun/misc/Unsafe;Ljava/nio/ByteBuffer;)V";
            }
          }
        }
      }
      default -> {
        // INVOKESPECIAL: never a guest event
      }
    }
    if (target != null) {
      insns.set(m, new MethodInsnNode(Opcodes.INVOKESTATIC, RT, target, desc, false));
    }
  }

  private static AbstractInsnNode push(int v) {
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
