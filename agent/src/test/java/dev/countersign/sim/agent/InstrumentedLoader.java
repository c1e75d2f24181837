package dev.countersign.sim.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads the classes of one package from the test class path a second time, through the real
 * {@link SimTransformer}, in a fresh class loader — what the agent does at class-load time,
 * without attaching an agent to the test JVM.
 */
final class InstrumentedLoader extends ClassLoader {

  private final String prefix;
  private final SimTransformer transformer;
  final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

  InstrumentedLoader(String packagePrefix) {
    super(InstrumentedLoader.class.getClassLoader());
    this.prefix = packagePrefix;
    AgentOptions options = new AgentOptions(List.of(),
        List.of(Pattern.compile(Pattern.quote(packagePrefix) + ".*")), List.of());
    this.transformer = new SimTransformer(new InstrumentationFilter(options, null),
        new PrintStream(warnings, true));
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(prefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original = bytes(name);
        byte[] transformed = transformer.transform(this, name.replace('.', '/'), null,
            InstrumentedLoader.class.getProtectionDomain(), original);
        byte[] b = transformed == null ? original : transformed;
        c = defineClass(name, b, 0, b.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  static byte[] bytes(String name) throws ClassNotFoundException {
    try (InputStream in = InstrumentedLoader.class.getClassLoader()
        .getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
