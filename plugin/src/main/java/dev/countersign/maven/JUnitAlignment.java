package dev.countersign.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the JUnit jars of a project's test class path belong to one JUnit release: every
 * {@code org.junit.platform} artifact of one version, every {@code org.junit.jupiter} and {@code
 * org.junit.vintage} artifact of the matching one (Platform 1.N.p with Jupiter 5.N.p; 6.N.p for
 * both from JUnit 6 on), and within what Countersign supports (JUnit 5.10 to 6.x).
 *
 * <p>JUnit itself fails on unaligned jars at discovery, and Surefire shows only "TestEngine with
 * ID 'junit-jupiter' failed to discover tests" (the cause is in a dump file); this names the
 * versions found, who brought them, and the fix, before any test runs.
 */
final class JUnitAlignment {

  /** One JUnit artifact of the test class path. */
  record JUnitJar(String groupId, String artifactId, String version, String broughtBy) {
    String describe() {
      return groupId + ":" + artifactId + ":" + version
          + (broughtBy == null || broughtBy.isBlank() ? "" : " (via " + broughtBy + ")");
    }
  }

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  private JUnitAlignment() {}

  /**
   * The problem with these jars, or empty when they are one supported release.
   *
   * @param jars the {@code org.junit.*} artifacts of the test class path
   */
  static Optional<String> problem(List<JUnitJar> jars) {
    Map<String, List<JUnitJar>> byRelease = new TreeMap<>();
    for (JUnitJar j : jars) {
      String release = release(j);
      if (release != null) {
        byRelease.computeIfAbsent(release, k -> new ArrayList<>()).add(j);
      }
    }
    if (byRelease.isEmpty()) {
      return Optional.empty();
    }
    String fix = "import org.junit:junit-bom:<version> in <dependencyManagement> (scope import,"
        + " type pom) so that every JUnit jar has the same release, and remove explicit versions"
        + " of the org.junit.* dependencies";
    if (byRelease.size() > 1) {
      StringBuilder m = new StringBuilder("the JUnit jars of the test class path are of "
          + byRelease.size() + " different releases, " + String.join(" and ", byRelease.keySet())
          + "; JUnit fails to discover tests on unaligned jars. Found:");
      byRelease.forEach((release, js) -> js.forEach(j ->
          m.append("\n  - ").append(j.describe()).append(" = JUnit ").append(release)));
      m.append("\nFix: ").append(fix).append('.');
      return Optional.of(m.toString());
    }
    String release = byRelease.keySet().iterator().next();
    Matcher v = VERSION.matcher(release);
    if (v.matches() && Integer.parseInt(v.group(1)) == 5 && Integer.parseInt(v.group(2)) < 10) {
      return Optional.of("this project's JUnit is " + release + "; Countersign needs JUnit 5.10 or"
          + " newer (5.10 to 6.x are tested). Fix: " + fix.replace("<version>", "5.14.x or 6.x"));
    }
    return Optional.empty();
  }

  /**
   * The JUnit release (Jupiter numbering) a jar belongs to, or null for an artifact outside the
   * release train (e.g. {@code org.junit:junit-bom} itself).
   */
  static String release(JUnitJar j) {
    Matcher v = VERSION.matcher(j.version());
    if (!v.matches()) {
      return null;
    }
    int major = Integer.parseInt(v.group(1));
    String minorPatch = v.group(2) + (v.group(3) != null ? "." + v.group(3) : "");
    return switch (j.groupId()) {
      case "org.junit.platform" -> major == 1 ? "5." + minorPatch : major + "." + minorPatch;
      case "org.junit.jupiter", "org.junit.vintage" -> major + "." + minorPatch;
      default -> null;
    };
  }
}
