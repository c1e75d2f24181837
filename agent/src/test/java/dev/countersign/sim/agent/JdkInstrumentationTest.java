package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Instruments every class of java.base that the agent would (the default filter with the runtime
 * on the boot class path) and verifies each with ASM's data-flow verifier: the JVM does not verify
 * boot classes itself (BytecodeVerificationLocal is off), so a broken one would crash rather than
 * fail with a VerifyError.
 */
class JdkInstrumentationTest {

  private static final InstrumentationFilter DEFAULT =
      new InstrumentationFilter(AgentOptions.parse(""), null, true);

  @Test
  void everyInstrumentedJavaBaseClassVerifies() throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    Path base = jrt.getPath("/modules/java.base");
    List<Path> classes;
    try (Stream<Path> s = Files.walk(base)) {
      classes = s.filter(p -> p.toString().endsWith(".class")
          && !p.getFileName().toString().equals("module-info.class")).toList();
    }
    int instrumented = 0;
    int never = 0;
    List<String> failures = new ArrayList<>();
    for (Path p : classes) {
      String name = base.relativize(p).toString();
      name = name.substring(0, name.length() - ".class".length());
      if (!DEFAULT.accepts(null, name, null)) {
        never++;
        continue;
      }
      byte[] original = Files.readAllBytes(p);
      byte[] out;
      try {
        out = ClassInstrumenter.instrument(original, false, null);
      } catch (RuntimeException e) {
        failures.add(name + ": not instrumented: " + e);
        continue;
      }
      instrumented++;
      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(out), null, false, new PrintWriter(problems));
      if (!problems.toString().isEmpty()) {
        StringWriter before = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(original), null, false, new PrintWriter(before));
        // ASM's verifier is stricter than the JVM's in a few places (it loads no classes here):
        // only what instrumenting broke counts
        if (before.toString().isEmpty()) {
          failures.add(name + ":\n" + problems.toString().lines().limit(20)
              .reduce("", (a, b) -> a + b + "\n"));
        }
      }
    }
    assertEquals(List.of(), failures.stream().limit(5).toList(), failures.size() + " classes fail");
    assertTrue(instrumented > 4000, instrumented + " instrumented");
    assertTrue(never > 100, never + " never instrumented");
  }

  @Test
  void intrinsicBodiesGetNoProbesButTheirCallersDo() throws IOException {
    byte[] latin1 = jdkClass("java/lang/StringLatin1");
    byte[] out = ClassInstrumenter.instrument(latin1, false, null);
    assertEquals(List.of(), runtimeCalls(out, "equals", "([B[B)Z"), "StringLatin1.equals");
    byte[] string = ClassInstrumenter.instrument(jdkClass("java/lang/String"), false, null);
    assertTrue(runtimeCalls(string, "equals", "(Ljava/lang/Object;)Z").contains("comparing"),
        "String.equals is counted and models StringLatin1.equals at its call");
    byte[] digest = ClassInstrumenter.instrument(jdkClass("sun/security/provider/DigestBase"),
        false, null);
    List<String> multi = runtimeCalls(digest, "implCompressMultiBlock0", "([BII)I");
    assertEquals(List.of("quiet", "loud", "loud"), multi,
        "the loop that calls implCompress when interpreted is silent");
    assertTrue(runtimeCalls(digest, "implCompressMultiBlock", "([BII)I").contains("digestBlocks"));
  }

  @Test
  void everyModelledCallSiteHasItsProbe() {
    for (var e : IntrinsicModels.CALL_SITES.entrySet()) {
      String key = e.getKey();
      String desc = IntrinsicModels.probeDescriptor(e.getValue(), key.substring(key.indexOf('(')));
      boolean found = false;
      for (java.lang.reflect.Method m : IntrinsicProbes.class.getMethods()) {
        found |= m.getName().equals(e.getValue().probe())
            && org.objectweb.asm.Type.getMethodDescriptor(m).equals(desc);
      }
      assertTrue(found, key + " needs IntrinsicProbes." + e.getValue().probe() + desc);
    }
  }

  private static byte[] jdkClass(String internalName) throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    return Files.readAllBytes(jrt.getPath("/modules/java.base/" + internalName + ".class"));
  }

  /** The probes (of any probe class) called by one method of a class file, in order. */
  private static List<String> runtimeCalls(byte[] classFile, String method, String desc) {
    List<String> calls = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        if (!name.equals(method) || !descriptor.equals(desc)) {
          return null;
        }
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
            if (MethodInstrumenter.PROBE_OWNERS.contains(owner)) {
              calls.add(n);
            }
          }
        };
      }
    }, 0);
    return calls;
  }
}
