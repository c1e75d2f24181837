package dev.countersign.workloads.bench;

import dev.countersign.sim.agent.ClassInstrumenter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Loads the named classes a second time, child-first, either as they are or instrumented by the
 * simulator's {@link ClassInstrumenter} (what the agent does at class-load time), so that one JMH
 * JVM can time both without an agent attached.
 */
final class InstrumentingLoader extends ClassLoader {

  private final Set<String> names;
  private final boolean instrument;

  InstrumentingLoader(Set<String> names, boolean instrument) {
    super(InstrumentingLoader.class.getClassLoader());
    this.names = Set.copyOf(names);
    this.instrument = instrument;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!names.contains(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] b;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          b = in.readAllBytes();
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
        if (instrument) {
          b = ClassInstrumenter.instrument(b);
        }
        c = defineClass(name, b, 0, b.length);
      }
      return c;
    }
  }
}
