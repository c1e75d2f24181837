package dev.countersign.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.maven.JUnitAlignment.JUnitJar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A JUnit 4 project that adds Jupiter for its @PerfTests is told when its own tests stop running. */
class JUnit4TestsTest {

  private static final JUnitJar JUNIT4 = new JUnitJar("junit", "junit", "4.13.2", null);
  private static final JUnitJar JUPITER =
      new JUnitJar("org.junit.jupiter", "junit-jupiter-engine", "5.13.4", "org.junit.jupiter:junit-jupiter");
  private static final JUnitJar VINTAGE =
      new JUnitJar("org.junit.vintage", "junit-vintage-engine", "5.13.4", null);

  @Test
  void junit4AndJupiterWithoutVintageIsWarnedWithTheFix() {
    String w = JUnit4Tests.unrun(List.of(JUNIT4, JUPITER)).orElseThrow();
    assertTrue(w.contains("junit:junit:4.13.2") && w.contains("not the Vintage engine"), w);
    assertTrue(w.endsWith("add the test dependency org.junit.vintage:junit-vintage-engine"
        + " (version 5.13.4, as Jupiter) to keep them running"), w);
  }

  @Test
  void nothingToSayWithVintageWithoutJUnit4OrWithoutJupiter() {
    assertEquals(Optional.empty(), JUnit4Tests.unrun(List.of(JUNIT4, JUPITER, VINTAGE)));
    assertEquals(Optional.empty(), JUnit4Tests.unrun(List.of(JUPITER)));
    assertEquals(Optional.empty(), JUnit4Tests.unrun(List.of(JUNIT4)));
  }
}
