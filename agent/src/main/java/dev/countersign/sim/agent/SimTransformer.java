package dev.countersign.sim.agent;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's {@link ClassFileTransformer}: instruments the classes the {@link
 * InstrumentationFilter} accepts. A class that cannot be instrumented is left as it was, with one
 * warning on standard error; nothing escapes to the class loader.
 */
public final class SimTransformer implements ClassFileTransformer {

  private final InstrumentationFilter filter;
  private final PrintStream warnings;

  public SimTransformer(InstrumentationFilter filter, PrintStream warnings) {
    this.filter = filter;
    this.warnings = warnings;
    SimRuntime.markInstalled();
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (classBeingRedefined != null) {
      return null;
    }
    try {
      if (!filter.accepts(loader, className, protectionDomain)) {
        return null;
      }
      return ClassInstrumenter.instrument(classfileBuffer);
    } catch (Throwable t) {
      warnings.println("[countersign] WARNING: class " + (className == null ? "?" : className.replace('/', '.'))
          + " left uninstrumented (" + t + "); the simulator does not count its code");
      return null;
    }
  }
}
