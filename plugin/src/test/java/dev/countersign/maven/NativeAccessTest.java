package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVM loads JNA (and the FFM binding) to open counters; from JDK 24 on that prints "A
 * restricted method in java.lang.System has been called ... Use --enable-native-access" once per
 * test JVM into the build log (seen on commons-lang with Temurin 25). prepare-agent puts the option
 * into argLine; a JDK 17 test JVM must accept it.
 */
class NativeAccessTest {

  @TempDir Path dir;

  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  private String argLine(String existing) throws Exception {
    PrepareAgentMojo mojo = new PrepareAgentMojo();
    mojo.setLog(new SkipTest.Lines());
    mojo.project = SkipTest.projectRunning("prepare-agent");
    mojo.project.getProperties().setProperty("argLine", existing);
    mojo.basedir = dir.toFile();
    mojo.propertyName = "argLine";
    mojo.resultsDir = dir.resolve("results").toFile();
    mojo.buildId = "native-access-1";
    File jar = Files.createFile(dir.resolve("countersign-agent.jar")).toFile();
    DefaultArtifact agent = new DefaultArtifact("dev.countersign", "countersign-agent", "1",
        "runtime", "jar", null, new DefaultArtifactHandler("jar"));
    agent.setFile(jar);
    mojo.pluginArtifactMap = Map.of(PrepareAgentMojo.AGENT_ARTIFACT, agent);
    mojo.execute();
    return mojo.project.getProperties().getProperty("argLine");
  }

  @Test
  void prepareAgentAllowsNativeAccessOnceKeepingTheUsersOptions() throws Exception {
    String line = argLine("-Xmx1g");
    assertEquals(1, count(line, PrepareAgentMojo.NATIVE_ACCESS), line);
    assertTrue(line.endsWith("-Xmx1g"), line);
    // a forked lifecycle (javadoc:jar's) runs prepare-agent again on the argLine it set
    Files.delete(dir.resolve("countersign-agent.jar"));
    String again = argLine(line);
    assertEquals(1, count(again, PrepareAgentMojo.NATIVE_ACCESS), again);
  }

  @Test
  void theOptionIsAcceptedByThisJdkAndSilencesJnasWarningWhereOneIsPrinted() throws Exception {
    Path here = Path.of(System.getProperty("java.home"));
    for (Path jdk : Files.isDirectory(JDK25) ? List.of(here, JDK25) : List.of(here)) {
      Run with = run(jdk, PrepareAgentMojo.NATIVE_ACCESS);
      assertEquals(0, with.status, jdk + ": " + with.output);
      assertTrue(with.output.contains("pointer size 8"), jdk + ": " + with.output);
      assertFalse(with.output.contains("restricted method"), jdk + ": " + with.output);
      if (feature(jdk) >= 24) {
        // the control: without the option this JDK does warn, so the check above can fail
        Run without = run(jdk, null);
        assertTrue(without.output.contains("restricted method"), jdk + ": " + without.output);
      }
    }
  }

  private record Run(int status, String output) {}

  private static Run run(Path jdk, String option) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
    if (option != null) {
      cmd.add(option);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadsJna.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private static int feature(Path jdk) throws Exception {
    String release = Files.readString(jdk.resolve("release"));
    Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
    assertTrue(m.find(), release);
    return Integer.parseInt(m.group(1));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
