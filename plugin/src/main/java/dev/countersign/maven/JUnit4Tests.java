package dev.countersign.maven;

import java.util.List;
import java.util.Optional;

/**
 * JUnit 4 tests beside JUnit Jupiter: Surefire (and Failsafe) then run the JUnit Platform, which
 * runs a JUnit 4 test only through the Vintage engine. A JUnit 4 project that adds Jupiter for
 * its {@code @PerfTest}s without it loses its own tests without a word (seen on Gson: its JUnit 4
 * tests stopped running, the build passed).
 */
final class JUnit4Tests {

  private JUnit4Tests() {}

  /**
   * The warning for these jars, or empty when JUnit 4 tests (if any) still run.
   *
   * @param jars the JUnit artifacts of the test class path ({@code junit:junit} and {@code
   *     org.junit.*})
   */
  static Optional<String> unrun(List<JUnitAlignment.JUnitJar> jars) {
    Optional<JUnitAlignment.JUnitJar> junit4 = jars.stream()
        .filter(j -> j.groupId().equals("junit") && j.artifactId().equals("junit")).findFirst();
    Optional<JUnitAlignment.JUnitJar> jupiter = jars.stream()
        .filter(j -> j.groupId().equals("org.junit.jupiter")).findFirst();
    boolean vintage = jars.stream().anyMatch(j -> j.groupId().equals("org.junit.vintage"));
    if (junit4.isEmpty() || jupiter.isEmpty() || vintage) {
      return Optional.empty();
    }
    return Optional.of("the test class path has JUnit 4 (" + junit4.get().describe() + ") and"
        + " JUnit Jupiter (" + jupiter.get().describe() + ") but not the Vintage engine:"
        + " Surefire and Failsafe then run the JUnit Platform, which runs the @PerfTests and no"
        + " JUnit 4 test. If this module has JUnit 4 tests, add the test dependency"
        + " org.junit.vintage:junit-vintage-engine (version " + JUnitAlignment.release(jupiter.get())
        + ", as Jupiter) to keep them running");
  }
}
