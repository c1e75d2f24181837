package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * How far a rule for escape analysis fixed at instrumentation time would reach (docs/simulator.md,
 * "Escape analysis: tried, not modelled"): C2's conditions for replacing an allocation by scalars
 * ({@code ConnectionGraph}, {@code opto/escape.cpp}), applied conservatively within the method that
 * allocates, the only code a transformer of that class file sees. The classifier is checked
 * exactly on {@code simfixture.Escapes}; its reach in java.base is printed on demand ({@code
 * -Dcountersign.escapeReach=true}). The rule was not built into the agent: it proves 0 of
 * java.base's object allocations and a handful of its arrays non-escaping.
 */
class EscapeReachTest {

  /** {@code EliminateAllocationArraySizeLimit}: the longest array C2 replaces by scalars. */
  private static final int ARRAY_LIMIT = 64;

  /** A data flow in which a copy (load, store, dup) keeps its value's allocation sites. */
  private static final class Sources extends SourceInterpreter {
    Sources() {
      super(Opcodes.ASM9);
    }

    @Override
    public SourceValue copyOperation(AbstractInsnNode insn, SourceValue value) {
      return value;
    }
  }

  /**
   * Each allocation of {@code method} (in order) with null when it provably does not escape the
   * method and would be replaced by scalars, else why not.
   */
  static Map<AbstractInsnNode, String> classify(String owner, MethodNode method)
      throws AnalyzerException {
    Map<AbstractInsnNode, String> out = new LinkedHashMap<>();
    AbstractInsnNode[] insns = method.instructions.toArray();
    Frame<SourceValue>[] frames = new Analyzer<>(new Sources()).analyze(owner, method);
    for (int at = 0; at < insns.length; at++) {
      int op = insns[at].getOpcode();
      if (op != Opcodes.NEW && op != Opcodes.NEWARRAY && op != Opcodes.ANEWARRAY
          || frames[at] == null) {
        continue;
      }
      AbstractInsnNode site = insns[at];
      String why = null;
      if (op != Opcodes.NEW) {
        Integer length = constant(frames[at].getStack(frames[at].getStackSize() - 1));
        why = length == null || length > ARRAY_LIMIT ? "array length not a constant <= 64" : null;
      }
      for (int i = 0; i < insns.length && why == null; i++) {
        Frame<SourceValue> f = frames[i];
        int popped = f == null || insns[i].getOpcode() < 0 ? 0 : popped(insns[i]);
        for (int k = 0; k < popped && why == null; k++) {
          SourceValue v = f.getStack(f.getStackSize() - 1 - k);
          if (v.insns.contains(site)) {
            why = v.insns.size() > 1 ? "merged with another value" : use(insns[i], k, popped, f, site);
          }
        }
      }
      out.put(site, why);
    }
    return out;
  }

  private static Integer constant(SourceValue v) {
    if (v.insns.size() != 1) {
      return null;
    }
    AbstractInsnNode n = v.insns.iterator().next();
    int op = n.getOpcode();
    if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
      return op - Opcodes.ICONST_0;
    }
    return op == Opcodes.BIPUSH || op == Opcodes.SIPUSH ? ((IntInsnNode) n).operand : null;
  }

  /** Why the {@code k}-th value from the top that {@code n} pops lets the allocation escape. */
  private static String use(AbstractInsnNode n, int k, int popped, Frame<SourceValue> f,
      AbstractInsnNode site) {
    int op = n.getOpcode();
    int top = f.getStackSize() - 1;
    if (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD) {
      return constant(f.getStack(top)) != null ? null : "a variable index";
    }
    if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
      return k != 2 ? "stored into an array" : constant(f.getStack(top - 1)) != null ? null
          : "a variable index";
    }
    return switch (op) {
      case Opcodes.GETFIELD, Opcodes.ARRAYLENGTH, Opcodes.IFNULL, Opcodes.IFNONNULL,
          Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE, Opcodes.MONITORENTER, Opcodes.MONITOREXIT,
          Opcodes.CHECKCAST, Opcodes.INSTANCEOF, Opcodes.POP -> null;
      case Opcodes.PUTFIELD -> k == 1 ? null : "stored into a field";
      case Opcodes.ARETURN -> "returned";
      case Opcodes.ATHROW -> "thrown";
      case Opcodes.PUTSTATIC -> "stored into a static";
      case Opcodes.INVOKESPECIAL -> ((MethodInsnNode) n).name.equals("<init>") && k == popped - 1
          && site instanceof TypeInsnNode t && t.desc.equals(((MethodInsnNode) n).owner)
          && t.desc.equals("java/lang/Object") ? null : "passed to a call or a constructor";
      default -> "passed to a call";
    };
  }

  /** How many values {@code n} pops that could be the allocation's reference. */
  private static int popped(AbstractInsnNode n) {
    int op = n.getOpcode();
    if (n instanceof MethodInsnNode m) {
      return Type.getArgumentTypes(m.desc).length + (op == Opcodes.INVOKESTATIC ? 0 : 1);
    }
    if (n instanceof InvokeDynamicInsnNode d) {
      return Type.getArgumentTypes(d.desc).length;
    }
    if (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD) {
      return 2;
    }
    if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
      return 3;
    }
    return switch (op) {
      case Opcodes.GETFIELD, Opcodes.ARRAYLENGTH, Opcodes.IFNULL, Opcodes.IFNONNULL,
          Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.CHECKCAST, Opcodes.INSTANCEOF,
          Opcodes.ARETURN, Opcodes.ATHROW, Opcodes.PUTSTATIC, Opcodes.POP -> 1;
      case Opcodes.PUTFIELD, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> 2;
      default -> 0; // copies keep the allocation (Sources); nothing else takes a reference
    };
  }

  private static ClassNode read(byte[] classFile) {
    ClassNode c = new ClassNode();
    new ClassReader(classFile).accept(c, ClassReader.SKIP_FRAMES);
    return c;
  }

  @Test
  void classifiesAllocationsByC2sConditions() throws Exception {
    ClassNode c;
    try (InputStream in = getClass().getResourceAsStream("/simfixture/Escapes.class")) {
      c = read(in.readAllBytes());
    }
    Map<String, List<String>> found = new TreeMap<>();
    for (MethodNode m : c.methods) {
      if (!m.name.startsWith("<")) {
        found.put(m.name, new ArrayList<>(classify(c.name, m).values()));
      }
    }
    assertEquals(1, found.get("local").size());
    assertNull(found.get("local").get(0));
    assertEquals(List.of("returned"), found.get("returned"));
    assertEquals(List.of("array length not a constant <= 64"), found.get("variableLength"));
    assertEquals(List.of("a variable index"), found.get("variableIndex"));
    assertEquals(List.of("merged with another value", "merged with another value"),
        found.get("merged"));
    assertEquals(List.of("stored into a static"), found.get("stored"));
    assertEquals(List.of("passed to a call"), found.get("passed"));
    assertEquals(List.of("passed to a call or a constructor"), found.get("constructed"));
  }

  @Test
  @EnabledIfSystemProperty(named = "countersign.escapeReach", matches = "true")
  void reachInJavaBase() throws Exception {
    long[] objects = new long[2];
    long[] arrays = new long[2];
    Map<String, Integer> why = new TreeMap<>();
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!p.toString().endsWith(".class") || p.toString().endsWith("module-info.class")) {
          continue;
        }
        ClassNode c = read(Files.readAllBytes(p));
        for (MethodNode m : c.methods) {
          if (m.instructions.size() == 0) {
            continue;
          }
          for (var e : classify(c.name, m).entrySet()) {
            long[] kind = e.getKey().getOpcode() == Opcodes.NEW ? objects : arrays;
            kind[0]++;
            kind[1] += e.getValue() == null ? 1 : 0;
            if (e.getValue() != null) {
              why.merge(e.getValue(), 1, Integer::sum);
            }
          }
        }
      }
    }
    System.out.printf("java.base (%s): %d new sites, %d do not escape; %d array allocations, %d"
        + " do not escape; escaping because: %s%n", System.getProperty("java.vm.version"),
        objects[0], objects[1], arrays[0], arrays[1], why);
  }
}
