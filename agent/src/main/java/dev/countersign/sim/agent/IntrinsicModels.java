package dev.countersign.sim.agent;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * JDK methods the JIT replaces by intrinsics, natives with a per-byte cost model
 * (docs/simulator.md, "Intrinsics"), and the {@code ThreadLocal} map, whose cost depends on the
 * JVM's history ({@link ThreadLocalCost}).
 *
 * <p>Compiled code that calls an intrinsic runs the intrinsic, not the method's bytecode; the
 * interpreter runs the bytecode. Probes in such a body would therefore count only while the call
 * site is interpreted: counts would depend on the JIT's state. So the body of every method
 * annotated {@code @IntrinsicCandidate} gets no probes, and whatever it calls is not counted
 * either ({@link #mute}): its cost is the call instruction, plus the model of {@link #CALL_SITES}
 * where one is listed. Not muted are the methods whose annotation only serves C2's string-concat
 * and boxing optimisations ({@link #bytecodeRuns}): an instrumented caller defeats those (the
 * probes make the builder and the box escape), so their bytecode always runs.
 */
final class IntrinsicModels {

  private static final Set<String> INTRINSIC_ANNOTATIONS = Set.of(
      "Ljdk/internal/vm/annotation/IntrinsicCandidate;", "Ljdk/internal/HotSpotIntrinsicCandidate;");

  private static final Set<String> BOXES = Set.of("java/lang/Integer", "java/lang/Long",
      "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean",
      "java/lang/Float", "java/lang/Double");

  private static final Set<String> BUILDERS = Set.of("java/lang/AbstractStringBuilder",
      "java/lang/StringBuilder", "java/lang/StringBuffer");

  /**
   * A call-site model: {@code probe} in {@link IntrinsicProbes} takes the call's result (when {@code
   * after}: it runs after the call), the receiver (when {@code receiver}) and the call's
   * arguments.
   */
  record Model(String probe, boolean receiver, boolean after) {}

  /** Call sites (owner.name+descriptor) with a cost model, whatever the opcode. */
  static final Map<String, Model> CALL_SITES = Map.ofEntries(
      // natives
      Map.entry("java/util/zip/CRC32.updateBytes0(I[BII)I", new Model("checksumBytes", false, false)),
      Map.entry("java/util/zip/CRC32.updateByteBuffer0(IJII)I",
          new Model("checksumOffHeap", false, false)),
      Map.entry("java/util/zip/CRC32.update(II)I", new Model("checksumByte", false, false)),
      Map.entry("java/util/zip/Adler32.updateBytes(I[BII)I", new Model("checksumBytes", false, false)),
      Map.entry("java/util/zip/Adler32.updateByteBuffer(IJII)I",
          new Model("checksumOffHeap", false, false)),
      Map.entry("java/util/zip/Adler32.update(II)I", new Model("checksumByte", false, false)),
      Map.entry("java/lang/Throwable.fillInStackTrace(I)Ljava/lang/Throwable;",
          new Model("stackWalking", true, false)),
      // intrinsics with a bytecode body (muted)
      Map.entry("java/util/zip/CRC32C.updateBytes(I[BII)I", new Model("checksumRange", false, false)),
      Map.entry("java/util/zip/CRC32C.updateDirectByteBuffer(IJII)I",
          new Model("checksumOffHeapRange", false, false)),
      Map.entry("sun/security/provider/DigestBase.implCompressMultiBlock0([BII)I",
          new Model("digestBlocks", true, false)),
      Map.entry("sun/security/provider/SHA.implCompress0([BI)V", new Model("digestBlock", true, false)),
      Map.entry("sun/security/provider/SHA2.implCompress0([BI)V", new Model("digestBlock", true, false)),
      Map.entry("sun/security/provider/SHA5.implCompress0([BI)V", new Model("digestBlock", true, false)),
      Map.entry("sun/security/provider/MD5.implCompress0([BI)V", new Model("digestBlock", true, false)),
      Map.entry("sun/security/provider/SHA3.implCompress0([BI)V", new Model("digestBlock", true, false)),
      Map.entry("java/util/Base64$Encoder.encodeBlock([BII[BIZ)V",
          new Model("base64Encoding", true, false)),
      Map.entry("java/util/Base64$Decoder.decodeBlock([BII[BIZ)I",
          new Model("base64Decoded", true, true)),
      Map.entry("java/util/Base64$Decoder.decodeBlock([BII[BIZZ)I",
          new Model("base64Decoded", true, true)),
      Map.entry("java/lang/StringLatin1.equals([B[B)Z", new Model("comparing", false, false)),
      Map.entry("java/lang/StringUTF16.equals([B[B)Z", new Model("comparing", false, false)),
      Map.entry("java/lang/StringLatin1.compareTo([B[B)I", new Model("comparingPrefix", false, false)),
      Map.entry("java/lang/StringLatin1.compareToUTF16([B[B)I",
          new Model("comparingPrefix", false, false)),
      Map.entry("java/lang/StringUTF16.compareTo([B[B)I", new Model("comparingPrefix", false, false)),
      Map.entry("java/lang/StringUTF16.compareToLatin1([B[B)I",
          new Model("comparingPrefix", false, false)),
      Map.entry("java/lang/StringLatin1.indexOfChar([BIII)I", new Model("scannedLatin1", false, true)),
      Map.entry("java/lang/StringUTF16.indexOfChar([BIII)I", new Model("scannedUtf16", false, true)),
      Map.entry("java/lang/StringLatin1.indexOf([BI[BII)I",
          new Model("searchedLatin1", false, true)),
      Map.entry("java/lang/StringUTF16.indexOf([BI[BII)I", new Model("searchedUtf16", false, true)),
      Map.entry("java/lang/StringUTF16.indexOfLatin1([BI[BII)I",
          new Model("searchedUtf16", false, true)),
      Map.entry("java/lang/StringCoding.hasNegatives([BII)Z", new Model("scannedRange", false, false)),
      Map.entry("java/lang/StringCoding.countPositives([BII)I", new Model("scannedRange", false, false)),
      Map.entry("java/lang/StringLatin1.inflate([BI[CII)V", new Model("inflating", false, false)),
      Map.entry("java/lang/StringLatin1.inflate([BI[BII)V", new Model("inflating", false, false)),
      Map.entry("java/lang/StringUTF16.compress([CI[BII)I", new Model("compressing", false, false)),
      Map.entry("java/lang/StringUTF16.compress([BI[BII)I", new Model("compressing", false, false)),
      Map.entry("jdk/internal/util/ArraysSupport.vectorizedMismatch"
          + "(Ljava/lang/Object;JLjava/lang/Object;JII)I", new Model("mismatched", false, true)),
      Map.entry("jdk/internal/util/ArraysSupport.vectorizedHashCode(Ljava/lang/Object;IIII)I",
          new Model("hashedRange", false, false)),
      Map.entry("java/util/Arrays.copyOf([Ljava/lang/Object;ILjava/lang/Class;)[Ljava/lang/Object;",
          new Model("copiedOf", false, true)),
      Map.entry("java/util/Arrays.copyOfRange([Ljava/lang/Object;IILjava/lang/Class;)"
          + "[Ljava/lang/Object;", new Model("copiedOfRange", false, true)),
      Map.entry("java/lang/StringUTF16.toBytes([CII)[B", new Model("utf16Bytes", false, true)),
      Map.entry("java/lang/StringUTF16.getChars([BII[CI)V", new Model("utf16Chars", false, false)),
      Map.entry("java/util/DualPivotQuicksort.sort(Ljava/lang/Class;Ljava/lang/Object;JII"
          + "Ljava/util/DualPivotQuicksort$SortOperation;)V", new Model("sorting", false, false)),
      Map.entry("java/util/DualPivotQuicksort.partition(Ljava/lang/Class;Ljava/lang/Object;JIIII"
          + "Ljava/util/DualPivotQuicksort$PartitionOperation;)[I",
          new Model("partitioning", false, false)),
      // a thread's ThreadLocal map: its cost depends on the JVM's history (ThreadLocalCost)
      Map.entry(ThreadLocalCost.MAP + ".getEntry(Ljava/lang/ThreadLocal;)L"
          + ThreadLocalCost.MAP + "$Entry;", new Model("threadLocalEntry", true, true)),
      Map.entry(ThreadLocalCost.MAP + ".set(Ljava/lang/ThreadLocal;Ljava/lang/Object;)V",
          new Model("threadLocalSetting", true, false)),
      Map.entry(ThreadLocalCost.MAP + ".remove(Ljava/lang/ThreadLocal;)V",
          new Model("threadLocalRemoving", true, false)));

  /**
   * Annotated, but not replaced: they call the caller's code (a reflective call, a stream's
   * consumer), which must count.
   */
  private static final Set<String> NOT_REPLACED = Set.of(
      "java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;",
      "java/util/stream/Streams$RangeIntSpliterator.forEachRemaining(Ljava/util/function/IntConsumer;)V",
      "java/util/stream/Streams$RangeIntSpliterator.forEachRemaining(Ljava/lang/Object;)V");

  private IntrinsicModels() {}

  /** The model of a call of {@code owner.name desc}, or null. */
  static Model at(String owner, String name, String desc) {
    return CALL_SITES.get(owner + "." + name + desc);
  }

  /** The descriptor of a model's probe for a call of {@code desc}. */
  static String probeDescriptor(Model model, String desc) {
    StringBuilder d = new StringBuilder("(");
    if (model.after()) {
      d.append(probeType(Type.getReturnType(desc)));
    }
    if (model.receiver()) {
      d.append("Ljava/lang/Object;");
    }
    for (Type t : Type.getArgumentTypes(desc)) {
      d.append(probeType(t));
    }
    return d.append(")V").toString();
  }

  /** Primitives and primitive arrays as they are; other references as Object (maybe private). */
  private static String probeType(Type t) {
    boolean primitiveArray = t.getSort() == Type.ARRAY && t.getDimensions() == 1
        && t.getElementType().getSort() != Type.OBJECT;
    return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY && !primitiveArray
        ? "Ljava/lang/Object;" : t.getDescriptor();
  }

  /**
   * Whether the body of {@code method} of {@code owner} gets no probes (an intrinsic's, or one
   * whose calls are modelled at the call site: {@code Arrays.fill}, {@code Arrays.equals} of
   * primitive arrays, the {@code ThreadLocal} map's look-ups and updates).
   */
  static boolean modelledBody(String owner, MethodNode method) {
    if (owner.equals(ThreadLocalCost.MAP)
        && CALL_SITES.containsKey(owner + "." + method.name + method.desc)) {
      return true;
    }
    if (owner.equals("java/util/Arrays")) {
      Type[] args = Type.getArgumentTypes(method.desc);
      if (method.name.equals("fill")) {
        return true;
      }
      if (method.name.equals("equals") && args.length == 2 && args[0].equals(args[1])
          && args[0].getSort() == Type.ARRAY && args[0].getDimensions() == 1
          && args[0].getElementType().getSort() != Type.OBJECT) {
        return true;
      }
    }
    return isIntrinsicCandidate(method) && !bytecodeRuns(owner, method.name)
        && !NOT_REPLACED.contains(owner + "." + method.name + method.desc);
  }

  private static boolean isIntrinsicCandidate(MethodNode method) {
    for (List<AnnotationNode> list : List.of(nullToEmpty(method.visibleAnnotations),
        nullToEmpty(method.invisibleAnnotations))) {
      for (AnnotationNode a : list) {
        if (INTRINSIC_ANNOTATIONS.contains(a.desc)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<AnnotationNode> nullToEmpty(List<AnnotationNode> l) {
    return l == null ? List.of() : l;
  }

  /** Annotated for C2's string-concat and boxing optimisations only: the bytecode runs. */
  static boolean bytecodeRuns(String owner, String name) {
    return name.equals("<init>") || BUILDERS.contains(owner)
        || BOXES.contains(owner) && (name.equals("valueOf") || name.equals("toString"));
  }

  /**
   * Makes {@code method}'s body silent: {@link SimRuntime#quiet()} on entry, {@link
   * SimRuntime#loud()} before every return and in a catch-all handler that rethrows. Only a body
   * that calls something needs it (a leaf just gets no probes). The handler's frame has no locals,
   * which every point of the method is assignable to.
   */
  static void mute(MethodNode method) {
    InsnList insns = method.instructions;
    boolean calls = false;
    for (AbstractInsnNode n : insns) {
      calls |= n.getType() == AbstractInsnNode.METHOD_INSN
          || n.getType() == AbstractInsnNode.INVOKE_DYNAMIC_INSN;
    }
    if (!calls || insns.size() == 0 || method.name.equals("<init>")) {
      return;
    }
    for (AbstractInsnNode n : insns.toArray()) {
      int op = n.getOpcode();
      if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
        insns.insertBefore(n, call("loud"));
      }
    }
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    InsnList head = new InsnList();
    head.add(call("quiet"));
    head.add(start);
    insns.insert(head);
    insns.add(end);
    insns.add(handler);
    insns.add(new FrameNode(Opcodes.F_NEW, 0, new Object[0], 1, // frames are read expanded
        new Object[] {"java/lang/Throwable"}));
    insns.add(call("loud"));
    insns.add(new InsnNode(Opcodes.ATHROW));
    method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
  }

  private static MethodInsnNode call(String name) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, MethodInstrumenter.RT, name, "()V", false);
  }
}
