package dev.countersign.sim.agent;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's {@link ClassFileTransformer}: instruments the classes the {@link
 * InstrumentationFilter} accepts, at load time and when retransformed (the JDK classes loaded
 * before the agent). A class that cannot be instrumented is left as it was, with one warning on
 * standard error; nothing escapes to the class loader.
 *
 * <p>What another agent added is not counted: a method the class file on disk (read through the
 * class's loader) does not have gets no probes, and {@link MethodInstrumenter} recognises
 * JaCoCo's probes inside the methods that are there. The transformer itself runs quiet: the
 * (instrumented) JDK code it uses while a measured thread loads a class is not counted.
 */
public final class SimTransformer implements ClassFileTransformer {

  private final InstrumentationFilter filter;
  private final PrintStream warnings;

  public SimTransformer(InstrumentationFilter filter, PrintStream warnings) {
    this.filter = filter;
    this.warnings = warnings;
    SimRuntime.markInstalled();
  }

  /** Whether the filter accepts the class (for choosing the classes to retransform). */
  boolean accepts(ClassLoader loader, String className, ProtectionDomain pd) {
    return filter.accepts(loader, className, pd);
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    SimRuntime.quiet();
    try {
      if (loader == null && "java/lang/Object".equals(className)) {
        return ClassInstrumenter.withDeterministicHashes(classfileBuffer);
      }
      if (!filter.accepts(loader, className, protectionDomain)) {
        return null;
      }
      boolean jdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
      // the JDK's class files are read only when JaCoCo changed them (its agent instruments the
      // platform loader's classes too): cheaper for the thousands of JDK classes
      byte[] original = jdk && !ClassInstrumenter.contains(classfileBuffer, ForeignCode.JACOCO_MARK)
          ? null : onDisk(loader, className);
      return ClassInstrumenter.instrument(classfileBuffer, classBeingRedefined == null && !jdk,
          original, line -> warnings.println("[countersign] WARNING: " + line));
    } catch (Throwable t) {
      warnings.println("[countersign] WARNING: class " + (className == null ? "?" : className.replace('/', '.'))
          + " left uninstrumented (" + t + "); the simulator does not count its code");
      return null;
    } finally {
      SimRuntime.loud();
    }
  }

  /** The class file as its loader finds it on disk, or null when it finds none. */
  private static byte[] onDisk(ClassLoader loader, String className) {
    if (className == null) {
      return null;
    }
    try (InputStream in = loader == null
        ? ClassLoader.getSystemResourceAsStream(className + ".class")
        : loader.getResourceAsStream(className + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (Exception | LinkageError e) {
      return null;
    }
  }
}
