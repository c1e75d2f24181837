package dev.countersign.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.surefire.api.testset.TestListResolver;

/**
 * Which test classes a module's Surefire runs: those in its test source directory that its
 * {@code <includes>} and {@code <excludes>} select, matched by Surefire's own {@link
 * TestListResolver} (ant patterns such as {@code **}{@code /*Perf.java}, {@code %regex[...]},
 * {@code !} negation, comma lists), with Surefire's defaults where the module configures none
 * ({@link #DEFAULT_INCLUDES}, {@link #DEFAULT_EXCLUDES}). The first round's {@code -Dtest} filter
 * when the module is built in a reactor, so that the upstream modules, built in the same
 * invocation, run none of theirs. Surefire's {@code includesFile}/{@code excludesFile} are read
 * by {@link #patternFile} and appended to the lists. Not followed: test classes that are not
 * compiled from the test source directory.
 *
 * @param testSources the module's test source directory ({@code src/test/java} by default)
 * @param includes Surefire's {@code <includes>} and its {@code includesFile}'s patterns; empty =
 *     Surefire's defaults
 * @param excludes Surefire's {@code <excludes>} and its {@code excludesFile}'s patterns; empty =
 *     Surefire's default
 */
public record TestSelection(Path testSources, List<String> includes, List<String> excludes) {

  /** Surefire's includes when none are configured. */
  public static final List<String> DEFAULT_INCLUDES = List.of("**/Test*.java", "**/*Test.java",
      "**/*Tests.java", "**/*TestCase.java");

  /** Surefire's excludes when none are configured: nested classes. */
  public static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

  public TestSelection {
    includes = includes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    excludes = excludes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Surefire's defaults over {@code src/test/java} of {@code module}. */
  public static TestSelection defaults(Path module) {
    return new TestSelection(module.resolve("src/test/java"), List.of(), List.of());
  }

  /**
   * The patterns of a Surefire {@code includesFile} or {@code excludesFile}: one per line,
   * stripped, blank lines and lines starting with {@code #} ignored (as Surefire documents it).
   *
   * @throws CompareException when the file cannot be read (Surefire fails such a build too)
   */
  public static List<String> patternFile(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new CompareException("cannot read " + file + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? ""
              : ": " + e.getMessage())
          + "); Surefire would fail this build too: create the file or fix the path", e);
    }
  }

  /** Fully qualified names of the selected classes, sorted; empty when there is none. */
  public List<String> classes() {
    if (!Files.isDirectory(testSources)) {
      return List.of();
    }
    TestListResolver surefire = new TestListResolver(
        includes.isEmpty() ? DEFAULT_INCLUDES : includes,
        excludes.isEmpty() ? DEFAULT_EXCLUDES : excludes);
    try (Stream<Path> files = Files.walk(testSources)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".java"))
          .map(f -> testSources.relativize(f).toString().replace('\\', '/'))
          .map(f -> f.substring(0, f.length() - ".java".length()))
          .filter(f -> !f.endsWith("package-info") && !f.endsWith("module-info"))
          .filter(f -> surefire.shouldRun(f + ".class", null))
          .map(f -> f.replace('/', '.'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CompareException("cannot list the test classes of " + testSources + ": "
          + e.getMessage(), e);
    }
  }
}
