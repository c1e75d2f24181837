package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

  @TempDir Path dir;

  private static ProtectionDomain from(Path p) throws Exception {
    URL url = p.toUri().toURL();
    return new ProtectionDomain(new CodeSource(url, (Certificate[]) null), null);
  }

  private static final ClassLoader APP = AgentOptionsTest.class.getClassLoader();

  @Test
  void formatIsWhatParseReadsBack() {
    String options = AgentOptions.format(List.of("/a/target/classes", "/a/target/test-classes"),
        List.of("com.example.*", "org.x.Y"), List.of("com.example.gen.*"));
    assertEquals("classDirs=/a/target/classes" + java.io.File.pathSeparator
        + "/a/target/test-classes,includes=com.example.*:org.x.Y,excludes=com.example.gen.*",
        options);
    AgentOptions o = AgentOptions.parse(options);
    assertEquals(List.of(Path.of("/a/target/classes"), Path.of("/a/target/test-classes")),
        o.classDirs());
    assertTrue(o.includes().get(0).matcher("com.example.deep.Foo").matches());
    assertTrue(o.includes().get(1).matcher("org.x.Y").matches());
    assertTrue(o.excludes().get(0).matcher("com.example.gen.Foo").matches());
    assertEquals("classDirs=/c", AgentOptions.format(List.of("/c"), List.of(), List.of()));
    assertEquals(AgentOptions.parse(null), AgentOptions.parse(
        AgentOptions.format(List.of(), List.of(), List.of())));
  }

  @Test
  void parsesWhatPrepareAgentProduces() {
    AgentOptions o = AgentOptions.parse("classDirs=/a/target/classes:/a/target/test-classes,"
        + "includes=com.example.*:org.x.Y,excludes=com.example.gen.*");
    assertEquals(List.of(Path.of("/a/target/classes"), Path.of("/a/target/test-classes")),
        o.classDirs());
    assertEquals(2, o.includes().size());
    assertTrue(o.includes().get(0).matcher("com.example.deep.Foo").matches());
    assertFalse(o.includes().get(1).matcher("org.x.YZ").matches());
    assertTrue(o.excludes().get(0).matcher("com.example.gen.Foo").matches());
  }

  @Test
  void badOptionsSayWhatIsWrongAndWhatIsValid() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("clasDirs=/x"));
    assertTrue(unknown.getMessage().contains("unknown option 'clasDirs'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("classDirs=<dir>"), unknown.getMessage());
    IllegalArgumentException noValue =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("classDirs"));
    assertTrue(noValue.getMessage().contains("not key=value"), noValue.getMessage());
    IllegalArgumentException pattern =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("includes=a/b"));
    assertTrue(pattern.getMessage().contains("'a/b'"), pattern.getMessage());
  }

  @Test
  void classDirsNarrowToTheirClassesAndNeverCountersign() throws Exception {
    Path classes = dir.resolve("target/classes");
    Path jar = dir.resolve("lib/other.jar");
    InstrumentationFilter f = new InstrumentationFilter(
        AgentOptions.parse("classDirs=" + classes + ",excludes=com.example.Skip*"), null, true);
    assertTrue(f.accepts(APP, "com/example/Foo", from(classes)));
    assertTrue(f.accepts(APP, "dev/countersign/workloads/HandOff", from(classes)));
    assertFalse(f.accepts(APP, "com/example/Foo", from(jar)));
    assertFalse(f.accepts(APP, "com/example/SkipMe", from(classes)));
    assertFalse(f.accepts(APP, "dev/countersign/runner/Runner", from(classes)));
    assertFalse(f.accepts(null, "java/lang/String", null), "narrowed to the directories");
    assertFalse(f.accepts(APP, "com/example/Foo$$Lambda$14", from(classes)));
  }

  @Test
  void byDefaultEverythingButTheHarnessCountersignAndTheUnsafeJdkClasses() throws Exception {
    Path jar = dir.resolve("lib/other.jar");
    InstrumentationFilter f = new InstrumentationFilter(AgentOptions.parse(""), null, true);
    assertTrue(f.accepts(APP, "com/example/Foo", from(dir.resolve("target/classes"))));
    assertTrue(f.accepts(APP, "org/lib/RingBuffer", from(jar)), "dependency jars");
    assertTrue(f.accepts(null, "java/lang/String", null), "java.base");
    assertTrue(f.accepts(null, "java/util/HashMap", null));
    assertTrue(f.accepts(null, "java/lang/ThreadLocal", null));
    assertTrue(f.accepts(ClassLoader.getPlatformClassLoader(), "java/sql/Timestamp", null));
    for (String never : List.of("java/lang/Object", "java/lang/Thread", "java/lang/Thread$State",
        "java/lang/invoke/MethodHandle", "jdk/internal/reflect/DirectMethodHandleAccessor",
        "java/lang/Class", "java/lang/ClassLoader", "java/lang/ref/Reference",
        "jdk/internal/misc/Unsafe", "sun/instrument/InstrumentationImpl")) {
      assertFalse(f.accepts(null, never, null), never);
      assertTrue(InstrumentationFilter.jdkNever(never) != null, never);
    }
    assertTrue(f.accepts(null, "java/lang/ClassValue", null), "a prefix of a class name only");
    for (String harness : List.of("org/junit/jupiter/engine/Foo", "org/opentest4j/AssertionFailedError",
        "org/apiguardian/api/API", "org/apache/maven/surefire/booter/ForkedBooter",
        "dev/countersign/sim/agent/SimRuntime", "dev/countersign/internal/asm/ClassReader")) {
      assertFalse(f.accepts(APP, harness, from(jar)), harness);
    }
    assertFalse(f.accepts(APP, "com/example/Foo$$Lambda$14", from(jar)));
    assertFalse(new InstrumentationFilter(AgentOptions.parse(""), null, false)
        .accepts(null, "java/lang/String", null), "the runtime is not on the boot class path");
    assertFalse(new InstrumentationFilter(AgentOptions.parse("excludes=org.lib.*"), null, true)
        .accepts(APP, "org/lib/RingBuffer", from(jar)));
  }

  @Test
  void includesMatchWhereverTheClassComesFromButNeverTheAgentItself() throws Exception {
    Path agentJar = dir.resolve("countersign-agent.jar");
    InstrumentationFilter f =
        new InstrumentationFilter(AgentOptions.parse("includes=org.lib.*"), agentJar);
    assertTrue(f.accepts(APP, "org/lib/Util", from(dir.resolve("lib.jar"))));
    assertFalse(f.accepts(APP, "org/lib/Util", from(agentJar)));
    assertFalse(f.accepts(APP, "com/other/Util", from(dir.resolve("lib.jar"))));
  }

  @Test
  void aClassThatCannotBeInstrumentedIsLeftAsItWasWithOneWarning() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SimTransformer t = new SimTransformer(
        new InstrumentationFilter(AgentOptions.parse("includes=broken.*"), null),
        new PrintStream(err, true));
    byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 99, 1, 2};
    assertNull(t.transform(APP, "broken/Thing", null, null, garbage));
    String warning = err.toString();
    assertTrue(warning.contains("broken.Thing left uninstrumented"), warning);
    assertEquals(1, warning.lines().count());
  }

  @Test
  void instrumentedClassIsNotInstrumentedTwice() throws Exception {
    byte[] original = InstrumentedLoader.bytes("simfixture.Workloads");
    byte[] once = ClassInstrumenter.instrument(original);
    assertTrue(once.length > original.length);
    assertEquals(once.length, ClassInstrumenter.instrument(once).length);
  }

  @Test
  void instrumentsClassFilesOfJdk25() throws Exception {
    byte[] original = InstrumentedLoader.bytes("simfixture.Workloads");
    byte[] v69 = original.clone();
    v69[6] = 0;
    v69[7] = 69; // major version of Java 25: the code is the same, only the version differs
    byte[] out = ClassInstrumenter.instrument(v69);
    assertEquals(69, out[7]);
    assertTrue(out.length > v69.length);
  }
}
