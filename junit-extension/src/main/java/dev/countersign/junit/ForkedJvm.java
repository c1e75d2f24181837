package dev.countersign.junit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts one fresh JVM that runs a single {@code @PerfTest} method through the JUnit Platform
 * Launcher ({@link ForkMain}) and waits for the measurement it writes. The child gets the same
 * class path, the same JVM options (the simulator agent included; debugger agents excluded, their
 * port would clash) and the test's system properties.
 */
final class ForkedJvm {

  /** Set in the child: the file the child writes its measurement to. */
  static final String OUTPUT_PROPERTY = "countersign.fork.output";

  /** Set in the child: its 1-based fork index. */
  static final String INDEX_PROPERTY = "countersign.fork.index";

  private static final List<String> JVM_OWNED_PREFIXES = List.of("java.", "jdk.", "sun.", "os.",
      "user.", "file.", "line.", "path.", "native.", "stdout.", "stderr.", "surefire.",
      "jna.loaded", "jnidispatch.");

  private ForkedJvm() {}

  /**
   * Runs the method in a child JVM and returns the path of the measurement it wrote.
   *
   * @throws ForkFailedException with the child's output when it fails or writes nothing
   */
  static Path run(Class<?> testClass, String method, int index, Path workDir, long timeoutMinutes)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path output = workDir.resolve("fork-" + index + ".json");
    Path log = workDir.resolve("fork-" + index + ".log");
    Files.deleteIfExists(output);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp")
          && !arg.startsWith("-D")) {
        cmd.add(arg);
      }
    }
    forwardedProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-D" + OUTPUT_PROPERTY + "=" + output.toAbsolutePath());
    cmd.add("-D" + INDEX_PROPERTY + "=" + index);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ForkMain.class.getName());
    cmd.add(testClass.getName());
    cmd.add(method);
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(Path.of("").toAbsolutePath().toFile())
        .start();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new ForkFailedException("fork " + index + " of " + testClass.getSimpleName() + "."
          + method + " did not finish within " + timeoutMinutes + " minutes", tail(log));
    }
    if (p.exitValue() != 0 || !Files.exists(output)) {
      throw new ForkFailedException("fork " + index + " of " + testClass.getSimpleName() + "."
          + method + " failed (exit code " + p.exitValue() + ")", tail(log));
    }
    return output;
  }

  /** The test's system properties, less those the JVM owns. */
  static Map<String, String> forwardedProperties() {
    Map<String, String> out = new TreeMap<>();
    Properties props = System.getProperties();
    for (String key : props.stringPropertyNames()) {
      if (JVM_OWNED_PREFIXES.stream().noneMatch(key::startsWith)
          && !key.equals(OUTPUT_PROPERTY) && !key.equals(INDEX_PROPERTY)) {
        out.put(key, props.getProperty(key));
      }
    }
    return out;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** A child JVM that failed, with the end of its output. */
  static final class ForkFailedException extends RuntimeException {
    ForkFailedException(String what, String output) {
      super(what + "; its output ends with:\n" + output);
    }
  }
}
