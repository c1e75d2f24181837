package dev.countersign.sim.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The instrumenter on real-world bytecode: every class of commons-math3 and jackson-databind
 * (generics, inner classes, lambdas, switches, try/catch, large static tables) is
 * instrumented, defined and initialised — the JVM's verifier checks each one — with the same
 * outcome as the original class.
 */
class RealBytecodeTest {

  /** Child-first loader of one jar's classes, instrumented or not. */
  private static final class JarLoader extends ClassLoader {
    private final JarFile jar;
    private final boolean instrument;

    JarLoader(JarFile jar, boolean instrument) {
      super(RealBytecodeTest.class.getClassLoader());
      this.jar = jar;
      this.instrument = instrument;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      JarEntry e = jar.getJarEntry(name.replace('.', '/') + ".class");
      if (e == null) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] b;
          try (InputStream in = jar.getInputStream(e)) {
            b = in.readAllBytes();
          } catch (IOException x) {
            throw new ClassNotFoundException(name, x);
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

  private static String outcome(ClassLoader loader, String name) {
    try {
      Class.forName(name, true, loader);
      return "ok";
    } catch (VerifyError | ClassFormatError e) {
      return "broken: " + e;
    } catch (Throwable t) {
      return t.getClass().getName();
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {FastMath.class, ObjectMapper.class})
  void everyClassOfARealLibraryVerifiesAndInitialisesAsBefore(Class<?> fromJar)
      throws IOException, URISyntaxException {
    Path path = Path.of(fromJar.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> differences = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(path.toFile())) {
      JarLoader plain = new JarLoader(jar, false);
      JarLoader instrumented = new JarLoader(jar, true);
      for (JarEntry e : jar.stream().toList()) {
        String n = e.getName();
        if (!n.endsWith(".class") || n.contains("module-info")) {
          continue;
        }
        String name = n.substring(0, n.length() - 6).replace('/', '.');
        classes++;
        String expected = outcome(plain, name);
        String actual = outcome(instrumented, name);
        if (!expected.equals(actual)) {
          differences.add(name + ": " + expected + " -> " + actual);
        }
      }
    }
    assertTrue(classes > 500, "classes: " + classes);
    assertEquals(List.of(), differences);
  }
}
