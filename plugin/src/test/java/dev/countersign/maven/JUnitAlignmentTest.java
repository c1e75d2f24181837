package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.maven.JUnitAlignment.JUnitJar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JUnitAlignmentTest {

  private static JUnitJar jar(String ga, String version, String via) {
    String[] p = ga.split(":");
    return new JUnitJar(p[0], p[1], version, via);
  }

  @Test
  void oneReleaseIsFineOnJUnit5AndJUnit6() {
    assertEquals(Optional.empty(), JUnitAlignment.problem(List.of(
        jar("org.junit.jupiter:junit-jupiter-api", "5.13.4", null),
        jar("org.junit.jupiter:junit-jupiter-engine", "5.13.4", null),
        jar("org.junit.platform:junit-platform-engine", "1.13.4", null),
        jar("org.junit.platform:junit-platform-launcher", "1.13.4", null))));
    assertEquals(Optional.empty(), JUnitAlignment.problem(List.of(
        jar("org.junit.jupiter:junit-jupiter-api", "6.1.3", null),
        jar("org.junit.platform:junit-platform-engine", "6.1.3", null))));
    assertEquals(Optional.empty(), JUnitAlignment.problem(List.of()));
  }

  /** The case: an older launcher beside the project's newer engine. */
  @Test
  void anOlderLauncherBesideANewerEngineNamesBothReleasesWhoBroughtThemAndTheFix() {
    String m = JUnitAlignment.problem(List.of(
        jar("org.junit.jupiter:junit-jupiter-engine", "5.13.4", null),
        jar("org.junit.platform:junit-platform-engine", "1.13.4", null),
        jar("org.junit.platform:junit-platform-launcher", "1.11.4", "com.example:old-helper:1.0")))
        .orElseThrow();
    assertTrue(m.contains("2 different releases, 5.11.4 and 5.13.4"), m);
    assertTrue(m.contains("org.junit.platform:junit-platform-launcher:1.11.4"
        + " (via com.example:old-helper:1.0) = JUnit 5.11.4"), m);
    assertTrue(m.contains("org.junit.platform:junit-platform-engine:1.13.4 = JUnit 5.13.4"), m);
    assertTrue(m.contains("import org.junit:junit-bom:<version>"), m);
  }

  @Test
  void junitBefore510IsNamedAsUnsupported() {
    String m = JUnitAlignment.problem(List.of(
        jar("org.junit.jupiter:junit-jupiter-api", "5.9.3", null))).orElseThrow();
    assertTrue(m.contains("JUnit is 5.9.3; Countersign needs JUnit 5.10 or newer"), m);
  }

  @Test
  void platformVersionsMapToTheirJupiterRelease() {
    assertEquals("5.10.5", JUnitAlignment.release(
        jar("org.junit.platform:junit-platform-commons", "1.10.5", null)));
    assertEquals("6.0.3", JUnitAlignment.release(
        jar("org.junit.platform:junit-platform-commons", "6.0.3", null)));
    assertEquals(null, JUnitAlignment.release(jar("org.junit:junit-bom", "5.10.5", null)));
  }
}
