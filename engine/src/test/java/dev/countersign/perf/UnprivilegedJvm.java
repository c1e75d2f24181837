package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import dev.countersign.events.EventCatalog;
import dev.countersign.sim.agent.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a main class of this module in a child JVM as {@code nobody} (uid 65534, no capabilities)
 * or as root, at a chosen {@code perf_event_paranoid} (under {@link ParanoidLock}), restored
 * afterwards on every path, a kill included. Needs
 * root (to switch user and set the sysctl): {@link #create()} skips the test otherwise. Nobody
 * cannot read ~/.m2 or the build tree under /root, so the class path (this module's classes, the
 * model's and the agent's, JNA, Jackson) is copied into a world-readable sandbox, with a world-writable {@link #scratch}
 * directory for the child's files.
 */
final class UnprivilegedJvm implements AutoCloseable {

  static final Path PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final Path sandbox;

  private UnprivilegedJvm(Path sandbox) {
    this.sandbox = sandbox;
  }

  static UnprivilegedJvm create() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")) && Files.isWritable(PARANOID),
        "needs root to switch to an unprivileged user and set perf_event_paranoid");
    assumeTrue(Files.isExecutable(SETPRIV), "needs " + SETPRIV);
    Path sandbox = Files.createTempDirectory("countersign-unprivileged");
    // each a directory of classes (a reactor module before 'package') or a jar, copied alike
    List<Class<?>> classPath = List.of(PerfEventProbeProvider.class, UnprivilegedJvm.class,
        EventCatalog.class, Machine.class, Native.class, ObjectMapper.class, JsonFactory.class,
        JsonProperty.class);
    for (int i = 0; i < classPath.size(); i++) {
      Path from = codeSource(classPath.get(i));
      copy(from, sandbox.resolve(String.format("%02d-%s", i, from.getFileName())));
    }
    Files.createDirectories(sandbox.resolve("tmp"));
    try (Stream<Path> all = Files.walk(sandbox)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
      }
    }
    return new UnprivilegedJvm(sandbox);
  }

  /** A world-writable directory for the child's files. */
  Path scratch() {
    return sandbox.resolve("tmp");
  }

  /** Runs {@code main} with {@code args} as nobody at {@code paranoid}; returns its output. */
  String runAsNobody(int paranoid, Class<?> main, String... args) throws Exception {
    return run(paranoid, true, main, args);
  }

  /** Runs {@code main} as root (all capabilities) at {@code paranoid}; returns its output. */
  String runAsRoot(int paranoid, Class<?> main, String... args) throws Exception {
    return run(paranoid, false, main, args);
  }

  /**
   * The level is machine-wide: it is set under {@link ParanoidLock} (exclusively when it must be
   * changed, so that no other test or build reads it meanwhile), and restored when the child ends.
   */
  private String run(int paranoid, boolean nobody, Class<?> main, String... args)
      throws Exception {
    try (ParanoidLock.Held held = ParanoidLock.at(paranoid)) {
      return start(nobody, main, args);
    }
  }

  private String start(boolean nobody, Class<?> main, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder cp = new StringBuilder();
    try (Stream<Path> entries = Files.list(sandbox)) {
      entries.filter(p -> p.getFileName().toString().matches("\\d\\d-.*")).sorted()
          .forEach(p -> cp.append(cp.length() == 0 ? "" : ":").append(p));
    }
    List<String> cmd = new ArrayList<>();
    if (nobody) {
      cmd.addAll(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534",
          "--clear-groups", "--inh-caps=-all"));
    }
    cmd.addAll(List.of(java, "-Djna.tmpdir=" + scratch(), "-Djava.io.tmpdir=" + scratch(),
        "-Duser.home=" + scratch(), "-cp", cp.toString(), main.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(sandbox.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung:\n" + out);
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
    return out;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> all = Files.walk(sandbox)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static Path codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to);
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
