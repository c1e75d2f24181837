package dev.countersign.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import dev.countersign.events.EventCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM run as {@code nobody} (uid 65534, no capabilities) at {@code perf_event_paranoid} 2
 * and 3 gets a diagnosis, not a crash: user-space software events are counted, kernel-only events
 * are reported BLIND, the PMU event refused with its errno. Needs root (to switch user and set the
 * sysctl); the setting is restored afterwards on every path.
 */
class UnprivilegedTest {

  private static final Path PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static Path sandbox;

  @BeforeAll
  static void copyClassPath() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")) && Files.isWritable(PARANOID),
        "needs root to switch to an unprivileged user and set perf_event_paranoid");
    assumeTrue(Files.isExecutable(SETPRIV), "needs " + SETPRIV);
    // nobody cannot read ~/.m2 or the build tree under /root: give it world-readable copies
    sandbox = Files.createTempDirectory("countersign-unprivileged");
    copy(codeSource(PerfEventProbeProvider.class), sandbox.resolve("main"));
    copy(codeSource(UnprivilegedProbeMain.class), sandbox.resolve("test"));
    copy(codeSource(Native.class), sandbox.resolve("jna.jar"));
    Files.createDirectories(sandbox.resolve("tmp"));
    try (Stream<Path> all = Files.walk(sandbox)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
      }
    }
  }

  @AfterAll
  static void removeSandbox() throws IOException {
    if (sandbox != null) {
      try (Stream<Path> all = Files.walk(sandbox)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
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

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void unprivilegedChildGetsTheRightDiagnosis(int level) throws Exception {
    String saved = Files.readString(PARANOID).strip();
    Map<String, String> lines;
    String output;
    try {
      Files.writeString(PARANOID, Integer.toString(level));
      output = runChildAsNobody("page-faults", "context-switches", "timer:hrtimer_start",
          "cycles");
    } finally {
      Files.writeString(PARANOID, saved);
    }
    assertEquals(saved, Files.readString(PARANOID).strip(), "paranoid restored");
    System.out.print(output);
    lines = parse(output);
    assertTrue(output.contains("ACCESS perf_event_paranoid " + level
        + ", CAP_PERFMON no, CAP_SYS_ADMIN no"), output);
    assertFalse(output.contains("Exception"), output);
    // kernel-only events: never passed off as zeros
    assertTrue(lines.get("context-switches").startsWith("UNAVAILABLE BLIND"), output);
    assertTrue(lines.get("context-switches").contains("perf_event_paranoid " + level), output);
    assertTrue(lines.get("context-switches").contains("sysctl -w kernel.perf_event_paranoid=1"),
        output);
    assertTrue(lines.get("timer:hrtimer_start").startsWith("UNAVAILABLE BLIND"), output);
    // no PMU in this VM: refused with its errno whatever the level
    assertTrue(lines.get("cycles").startsWith("UNAVAILABLE "), output);
    assertFalse(lines.get("cycles").startsWith("UNAVAILABLE BLIND"), output);
    String faults = lines.get("page-faults");
    if (faults.startsWith("MEASURED")) {
      // mainline kernels treat every level >= 2 alike: user-space counting is allowed
      assertTrue(Double.parseDouble(faults.split(" ")[1]) >= 1000, output);
    } else {
      // a Debian/Ubuntu kernel refuses everything at >= 3, and says so
      assertEquals(3, level, output);
      assertTrue(faults.startsWith("UNAVAILABLE EACCES"), output);
      assertTrue(faults.contains("perf_event_paranoid=2"), output);
    }
  }

  private static Map<String, String> parse(String output) {
    Map<String, String> byEvent = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.split(" ", 3);
      if (f.length == 3 && (f[0].equals("MEASURED") || f[0].equals("UNAVAILABLE"))) {
        byEvent.put(f[1], f[0] + " " + f[2]);
      }
    }
    for (String e : List.of("page-faults", "context-switches", "timer:hrtimer_start", "cycles")) {
      assertTrue(byEvent.containsKey(EventCatalog.parse(e).qualifiedName()),
          "no line for " + e + " in:\n" + output);
    }
    return byEvent;
  }

  private static String runChildAsNobody(String... events) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = sandbox.resolve("main") + ":" + sandbox.resolve("test") + ":"
        + sandbox.resolve("jna.jar");
    List<String> cmd = new java.util.ArrayList<>(List.of(SETPRIV.toString(), "--reuid=65534",
        "--regid=65534", "--clear-groups", "--inh-caps=-all", java,
        "-Djna.tmpdir=" + sandbox.resolve("tmp"), "-Djava.io.tmpdir=" + sandbox.resolve("tmp"),
        "-Duser.home=" + sandbox.resolve("tmp"), "-cp", cp,
        UnprivilegedProbeMain.class.getName()));
    cmd.addAll(List.of(events));
    Process p = new ProcessBuilder(cmd).directory(sandbox.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung:\n" + out);
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
    return out;
  }
}
