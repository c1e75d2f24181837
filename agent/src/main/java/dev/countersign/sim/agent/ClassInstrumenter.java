package dev.countersign.sim.agent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites one class file so that its code feeds the simulator ({@link MethodInstrumenter}).
 *
 * <p>Only instructions that leave the operand stack as they found it are inserted and no branch
 * target is added, so the class's own stack-map frames stay valid: the writer recomputes only
 * max-stack ({@link ClassWriter#COMPUTE_MAXS}) and never needs {@code getCommonSuperClass}, which
 * would have to load classes through the application's loader from inside a transformer.
 */
public final class ClassInstrumenter {

  /** Marker field added to instrumented classes, so they are never instrumented twice. */
  public static final String MARKER = "$countersign$sim";

  private ClassInstrumenter() {}

  /**
   * The instrumented class file, with the marker field, every method instrumented.
   *
   * @see #instrument(byte[], boolean, byte[], Consumer)
   */
  public static byte[] instrument(byte[] classFile) {
    return instrument(classFile, true, null);
  }

  /**
   * The instrumented class file; a method instrumented below {@link CountingLevel#FULL} is
   * reported on standard error.
   *
   * @see #instrument(byte[], boolean, byte[], Consumer)
   */
  public static byte[] instrument(byte[] classFile, boolean marker, byte[] onDisk) {
    return instrument(classFile, marker, onDisk,
        line -> System.err.println("[countersign] WARNING: " + line));
  }

  /**
   * The instrumented class file.
   *
   * <p>A method whose instrumented code would exceed the class file's limit of 65,535 bytes of
   * code is instrumented again with less ({@link CountingLevel}: without the branch-outcome and
   * memory-access probes, then with a runtime call per block, then one charge on entry, then
   * not at all), until it fits; {@code lowered} gets one line per such method naming the level
   * and what it leaves out. The bodies of JDK intrinsics are left without probes ({@link
   * IntrinsicModels#modelledBody}).
   *
   * @param marker whether to add the {@link #MARKER} field: not to a class being retransformed
   *     (which may not gain fields) nor to a JDK class (whose layout the VM may know)
   * @param onDisk the class file as it is on disk, or null when unknown: methods another agent
   *     added are left without probes, and JaCoCo's probes are told from the class's own code
   *     ({@link ForeignCode})
   * @param lowered receives, once the class is written, a line per method counted with less than
   *     every probe
   * @throws RuntimeException from ASM when the class cannot be read or written (for example a
   *     class-file version newer than ASM knows)
   */
  public static byte[] instrument(byte[] classFile, boolean marker, byte[] onDisk,
      Consumer<String> lowered) {
    Map<String, MethodNode> original = onDisk == null ? null
        : methodsOf(onDisk, contains(classFile, ForeignCode.JACOCO_MARK));
    Map<String, CountingLevel> levels = new LinkedHashMap<>();
    while (true) {
      try {
        String[] name = new String[1];
        byte[] out = instrument(classFile, levels, marker, original, name);
        levels.forEach((method, level) -> lowered.accept("method " + name[0].replace('/', '.')
            + "." + method + " would exceed the 65,535-byte limit of a method's code with every"
            + " probe: " + level.effect()));
        return out;
      } catch (MethodTooLargeException e) {
        String method = e.getMethodName() + e.getDescriptor();
        CountingLevel lower = levels.getOrDefault(method, CountingLevel.FULL).lower();
        if (lower == null) {
          throw e;
        }
        levels.put(method, lower);
      }
    }
  }

  private static byte[] instrument(byte[] classFile, Map<String, CountingLevel> levels,
      boolean marker, Map<String, MethodNode> original, String[] className) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    int[] classVersion = new int[1];
    boolean[] already = new boolean[1];
    ClassVisitor visitor =
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(int version, int access, String name, String signature,
              String superName, String[] interfaces) {
            className[0] = name;
            classVersion[0] = version;
            super.visit(version, access, name, signature, superName, interfaces);
          }

          @Override
          public org.objectweb.asm.FieldVisitor visitField(int access, String name,
              String descriptor, String signature, Object value) {
            if (name.equals(MARKER)) {
              already[0] = true;
            }
            return super.visitField(access, name, descriptor, signature, value);
          }

          @Override
          public MethodVisitor visitMethod(int access, String name, String descriptor,
              String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            CountingLevel level = levels.getOrDefault(name + descriptor, CountingLevel.FULL);
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                || level == CountingLevel.NONE
                || original != null && !original.containsKey(name + descriptor)) {
              return next;
            }
            return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
              @Override
              public void visitEnd() {
                if (IntrinsicModels.modelledBody(className[0], this)) {
                  IntrinsicModels.mute(this);
                } else {
                  new MethodInstrumenter(className[0], this,
                      original == null ? null : original.get(name + descriptor), classVersion[0],
                      level).instrument();
                }
                IdentityHashCalls.rewrite(this, classVersion[0]);
                ClockSeeds.rewrite(className[0], this);
                accept(next);
              }
            };
          }

          @Override
          public void visitEnd() {
            if (marker && !already[0] && (reader.getAccess() & Opcodes.ACC_INTERFACE) == 0) {
              super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL
                  | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_TRANSIENT, MARKER, "Z", null, null).visitEnd();
            }
            super.visitEnd();
          }
        };
    if (marker && isInstrumented(reader)) {
      return classFile;
    }
    reader.accept(visitor, ClassReader.EXPAND_FRAMES); // LocalBlockCounts adds locals to frames
    return writer.toByteArray();
  }

  /**
   * {@code java.lang.Object} with its identity-hash calls pointed at {@link IdentityHashes} and
   * nothing else changed (it is never counted): {@code toString}'s {@code hashCode()} then formats
   * the same code as instrumented code sees.
   */
  static byte[] withDeterministicHashes(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    int version = reader.readUnsignedShort(4) << 16 | reader.readUnsignedShort(6); // as ASM's
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
          @Override
          public void visitEnd() {
            IdentityHashCalls.rewrite(this, version);
            accept(next);
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }

  /**
   * The methods of a class file by {@code name + descriptor}, with their code when {@code code}
   * (else without).
   */
  static Map<String, MethodNode> methodsOf(byte[] classFile, boolean code) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, code ? ClassReader.SKIP_FRAMES
        : ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    Map<String, MethodNode> methods = new HashMap<>();
    for (MethodNode m : node.methods) {
      methods.put(m.name + m.desc, m);
    }
    return methods;
  }

  /** Whether the ASCII text {@code s} occurs in {@code bytes} (a constant-pool name, say). */
  static boolean contains(byte[] bytes, String s) {
    outer:
    for (int i = 0; i <= bytes.length - s.length(); i++) {
      for (int k = 0; k < s.length(); k++) {
        if (bytes[i + k] != s.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isInstrumented(ClassReader reader) {
    boolean[] found = new boolean[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public org.objectweb.asm.FieldVisitor visitField(int access, String name,
              String descriptor, String signature, Object value) {
            found[0] |= name.equals(MARKER);
            return null;
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }
}
