package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Code another agent injects is not counted: the sample workloads instrumented by real JaCoCo
 * (its probes, {@code $jacocoInit}, inverted jumps around edge probes) before or after the
 * simulator give exactly the simulated counts of the workloads without coverage.
 */
class OtherAgentsTest {

  private static final LoggerRuntime RUNTIME = new LoggerRuntime();
  private static final RuntimeData DATA = new RuntimeData();
  private static final Instrumenter JACOCO = new Instrumenter(RUNTIME);

  @BeforeAll
  static void startJacoco() throws Exception {
    RUNTIME.startup(DATA);
  }

  @AfterAll
  static void stopJacoco() {
    RUNTIME.shutdown();
  }

  /** Defines the classes of one package (simfixture, or a library's) from their bytes after {@code transform}. */
  static final class TransformingLoader extends ClassLoader {
    private final String prefix;
    private final UnaryOperator<byte[]> transform;

    TransformingLoader(String prefix, UnaryOperator<byte[]> transform) {
      super(TransformingLoader.class.getClassLoader());
      this.prefix = prefix;
      this.transform = transform;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(prefix)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] b = transform.apply(InstrumentedLoader.bytes(name));
          c = defineClass(name, b, 0, b.length);
        }
        return c;
      }
    }
  }

  private static final String JACKSON = "com.fasterxml.jackson.core.";

  private static final SimTransformer SIM = new SimTransformer(new InstrumentationFilter(
      new AgentOptions(List.of(), List.of(Pattern.compile("simfixture\\..*"),
          Pattern.compile(Pattern.quote(JACKSON) + ".*")), List.of()), null),
      new PrintStream(new ByteArrayOutputStream(), true));

  private static byte[] sim(ClassLoader loader, byte[] b) {
    String name = new org.objectweb.asm.ClassReader(b).getClassName();
    byte[] out = SIM.transform(loader, name, null, OtherAgentsTest.class.getProtectionDomain(), b);
    assertNotEquals(null, out, name);
    return out;
  }

  private static byte[] jacoco(byte[] b) {
    try {
      return JACOCO.instrument(b, new org.objectweb.asm.ClassReader(b).getClassName());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static long[] counts(ClassLoader loader, String method, Object... args)
      throws Throwable {
    Class<?> type = loader.loadClass("simfixture.Workloads");
    Method m = Arrays.stream(type.getMethods()).filter(x -> x.getName().equals(method))
        .findFirst().orElseThrow();
    return measured(() -> m.invoke(null, args));
  }

  interface Invocation {
    void run() throws Exception;
  }

  /** Every counter of the second of two invocations (the first initialises classes). */
  private static long[] measured(Invocation invocation) throws Throwable {
    try {
      invocation.run();
      Machine machine = Machine.create(CpuProfile.zen4Server());
      machine.begin();
      try {
        invocation.run();
      } finally {
        machine.end();
      }
      return Arrays.stream(Counter.values()).mapToLong(machine::total).toArray();
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void jacocoOnOrOffAndInEitherOrderGivesIdenticalCounts() throws Throwable {
    TransformingLoader[] loaders = new TransformingLoader[3];
    loaders[0] = loader("simfixture.", b -> b, true);
    loaders[1] = loader("simfixture.", OtherAgentsTest::jacoco, true); // JaCoCo first, as with a retransformer
    loaders[2] = loader("simfixture.", b -> b, false); // the simulator first, JaCoCo after it
    int[] data = new java.util.Random(3).ints(20_000, 0, 256).toArray();
    for (Object[] call : List.of(new Object[] {"mixed", 20_000}, new Object[] {"sum", 100},
        new Object[] {"countAbove", data, 128}, new Object[] {"allocate", 1000},
        new Object[] {"rowMajor", new int[64][64]}, new Object[] {"controlFlow", 5000})) {
      String method = (String) call[0];
      Object[] args = Arrays.copyOfRange(call, 1, call.length);
      long[] plain = counts(loaders[0], method, args);
      assertTrue(plain[Counter.INSTRUCTIONS.ordinal()] > 0, method);
      for (int k = 1; k < loaders.length; k++) {
        assertEquals(Arrays.toString(plain), Arrays.toString(counts(loaders[k], method, args)),
            method + ", order " + k + " (" + Arrays.toString(Counter.values()) + ")");
      }
    }
    ExecutionDataStore executed = new ExecutionDataStore();
    DATA.collect(executed, new SessionInfoStore(), false);
    assertTrue(executed.getContents().stream().anyMatch(d -> d.getName().equals(
        "simfixture/Workloads") && d.hasHits()), "JaCoCo's probes ran");
  }

  /**
   * On real libraries (commons-math3, jackson-databind: 17 000 methods, switches, interfaces'
   * inline probe-array fetch), exactly the instructions of the class file on disk are left as the
   * method's own after JaCoCo instrumented it.
   */
  @Test
  void jacocosCodeIsToldFromTheLibrariesOwnInEveryMethod() throws Exception {
    int methods = 0;
    List<String> wrong = new java.util.ArrayList<>();
    for (Class<?> inJar : List.of(org.apache.commons.math3.util.FastMath.class,
        com.fasterxml.jackson.databind.ObjectMapper.class)) {
      java.nio.file.Path jar = java.nio.file.Path.of(
          inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
        for (var e : java.util.Collections.list(j.entries())) {
          if (!e.getName().endsWith(".class") || e.getName().contains("module-info")) {
            continue;
          }
          byte[] disk = j.getInputStream(e).readAllBytes();
          var onDisk = ClassInstrumenter.methodsOf(disk, true);
          var covered = ClassInstrumenter.methodsOf(JACOCO.instrument(disk, e.getName()), true);
          for (var m : onDisk.entrySet()) {
            var c = covered.get(m.getKey());
            if (c == null || c.instructions.size() == 0) {
              continue;
            }
            ForeignCode foreign = ForeignCode.of(c, m.getValue());
            long own = java.util.stream.StreamSupport.stream(c.instructions.spliterator(), false)
                .filter(n -> n.getOpcode() >= 0 && !foreign.foreign.contains(n)).count();
            long expected = java.util.stream.StreamSupport.stream(
                m.getValue().instructions.spliterator(), false).filter(n -> n.getOpcode() >= 0)
                .count();
            methods++;
            if (own != expected) {
              wrong.add(e.getName() + " " + m.getKey() + ": " + own + " own vs " + expected);
            }
          }
        }
      }
    }
    assertEquals(List.of(), wrong.stream().limit(5).toList(), wrong.size() + " methods");
    assertTrue(methods > 15_000, methods + " methods");
  }

  /**
   * A real library in the full model (jackson-core's byte parser: its symbol table, buffer
   * recycler and number parsing): every counter, cache and TLB misses included, is the same in a
   * fresh class loader each time, with JaCoCo before or after the simulator as without it. The
   * loaders stand for separate JVMs: each has its own classes, statics and clock-seeded tables
   * (the symbol table's seed is fixed by {@link ClockSeeds}; without it the misses differed from
   * loader to loader, and between builds with and without coverage, docs/compatibility.md).
   */
  @Test
  void aLibrarysParseIsCountedTheSameInEveryLoaderWithOrWithoutJacoco() throws Throwable {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"n")
          .append(i).append("\",\"v\":").append(i * 1.5).append(",\"ok\":true}");
    }
    byte[] document = json.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<UnaryOperator<byte[]>> before = List.of(b -> b, b -> b, b -> b, OtherAgentsTest::jacoco);
    List<String> counts = new java.util.ArrayList<>();
    for (int k = 0; k <= before.size(); k++) {
      TransformingLoader loader = k < before.size() ? loader(JACKSON, before.get(k), true)
          : loader(JACKSON, b -> b, false);
      counts.add(Arrays.toString(parsed(loader, document)));
    }
    assertTrue(Long.parseLong(counts.get(0).substring(1, counts.get(0).indexOf(','))) > 50_000,
        counts.get(0));
    assertEquals(List.of(counts.get(0)), counts.stream().distinct().toList(),
        "loaders 1-3 without coverage, 4 JaCoCo first, 5 the simulator first ("
            + Arrays.toString(Counter.values()) + ")");
  }

  /** The counters of one parse of {@code document} to its last token, after one unmeasured. */
  private static long[] parsed(ClassLoader loader, byte[] document) throws Throwable {
    Class<?> factoryType = loader.loadClass(JACKSON + "JsonFactory");
    Object factory = factoryType.getConstructor().newInstance();
    Method create = factoryType.getMethod("createParser", byte[].class);
    Class<?> parserType = loader.loadClass(JACKSON + "JsonParser");
    Method next = parserType.getMethod("nextToken");
    Method close = parserType.getMethod("close");
    return measured(() -> {
      Object parser = create.invoke(factory, (Object) document);
      while (next.invoke(parser) != null) {
        // every token
      }
      close.invoke(parser);
    });
  }

  /** Simulator after {@code before}, or (simFirst false) JaCoCo after the simulator. */
  private static TransformingLoader loader(String prefix, UnaryOperator<byte[]> before,
      boolean simFirst) {
    TransformingLoader[] self = new TransformingLoader[1];
    self[0] = new TransformingLoader(prefix, b -> simFirst ? sim(self[0], before.apply(b))
        : jacoco(sim(self[0], b)));
    return self[0];
  }
}
