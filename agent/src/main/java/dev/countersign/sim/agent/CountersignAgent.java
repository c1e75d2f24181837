package dev.countersign.sim.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code -javaagent:countersign-agent.jar=<options>} ({@link AgentOptions}):
 * installs the simulator's {@link SimTransformer} and, when this runtime is on the boot class path
 * (the jar's {@code Boot-Class-Path}), retransforms the JDK classes loaded before it. Bad options
 * are reported once on standard error and leave the agent inert (the simulator then reports its
 * metrics unavailable with the reason); the JVM always starts.
 */
public final class CountersignAgent {

  /** Classes per retransformation call; a failing batch is retried one class at a time. */
  private static final int BATCH = 256;

  private CountersignAgent() {}

  public static void premain(String options, Instrumentation inst) {
    try {
      AgentOptions parsed = AgentOptions.parse(options);
      Path self = InstrumentationFilter.location(CountersignAgent.class.getProtectionDomain());
      boolean jdk = SimRuntime.bootReachable() && inst.isRetransformClassesSupported();
      SimTransformer transformer =
          new SimTransformer(new InstrumentationFilter(parsed, self, jdk), System.err);
      // load ASM and the instrumenter before they run inside class loading
      ClassInstrumenter.instrument(sample());
      inst.addTransformer(transformer, inst.isRetransformClassesSupported());
      String hashes = IdentityHashes.install(inst);
      if (hashes != null) {
        System.err.println("[countersign] WARNING: identity hash codes stay the JVM's (" + hashes
            + "): a program whose path depends on them is counted differently in every JVM");
      }
      if (jdk) {
        String threadLocals = ThreadLocalCost.install(inst);
        if (threadLocals != null) {
          System.err.println("[countersign] WARNING: ThreadLocal values set for the first time are"
              + " counted as replaced (" + threadLocals + "): their entries' allocation is missing"
              + " from the simulated counts");
        }
        retransformLoaded(inst, transformer);
        ReflectionInflation.disable(inst);
      } else {
        System.err.println("[countersign] WARNING: the agent jar is not on the boot class path"
            + " (its Boot-Class-Path names the jar's own file name; was it renamed?): JDK"
            + " classes are not instrumented, so simulated counts leave out the JDK's work");
      }
    } catch (IllegalArgumentException e) {
      String problem = "invalid -javaagent options '" + options + "': " + e.getMessage();
      SimRuntime.reportProblem(problem);
      System.err.println("[countersign] ERROR: " + problem + ". The simulator is off.");
    } catch (Throwable t) {
      String problem = "the agent could not start: " + t;
      SimRuntime.reportProblem(problem);
      System.err.println("[countersign] ERROR: " + problem + ". The simulator is off.");
    }
  }

  public static void agentmain(String options, Instrumentation inst) {
    premain(options, inst);
  }

  private static byte[] sample() throws java.io.IOException {
    try (var in = CountersignAgent.class.getResourceAsStream("Counter.class")) {
      return in.readAllBytes();
    }
  }

  /** Instruments the classes loaded before the agent that the filter accepts (the JDK's). */
  private static void retransformLoaded(Instrumentation inst, SimTransformer transformer) {
    List<Class<?>> targets = new ArrayList<>();
    targets.add(Object.class); // its toString's hashCode call only (SimTransformer)
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (!c.isArray() && !c.isPrimitive() && !c.isHidden() && inst.isModifiableClass(c)
          && transformer.accepts(c.getClassLoader(), c.getName().replace('.', '/'),
              c.getProtectionDomain())) {
        targets.add(c);
      }
    }
    for (int from = 0; from < targets.size(); from += BATCH) {
      List<Class<?>> batch = targets.subList(from, Math.min(targets.size(), from + BATCH));
      try {
        inst.retransformClasses(batch.toArray(new Class<?>[0]));
      } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
        for (Class<?> c : batch) {
          try {
            inst.retransformClasses(c);
          } catch (UnmodifiableClassException | RuntimeException | LinkageError one) {
            System.err.println("[countersign] WARNING: class " + c.getName()
                + " left uninstrumented (" + one + "); the simulator does not count its code");
          }
        }
      }
    }
  }
}
