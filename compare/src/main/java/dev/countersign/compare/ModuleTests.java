package dev.countersign.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test classes of one module, by name, as Surefire's default includes select them ({@code
 * Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}) from the module's {@code
 * src/test/java}: the first round's {@code -Dtest} filter when the module is built in a reactor,
 * so that the upstream modules, built in the same invocation, run none of theirs. (A module that
 * configures other includes or another test source directory is not followed.)
 */
final class ModuleTests {

  private static final Pattern DEFAULT_INCLUDES =
      Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");

  private ModuleTests() {}

  /** Fully qualified names, sorted; empty when the module has no such test class. */
  static List<String> of(Path module) {
    Path sources = module.resolve("src/test/java");
    if (!Files.isDirectory(sources)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".java"))
          .map(f -> sources.relativize(f).toString().replace('\\', '/'))
          .map(f -> f.substring(0, f.length() - ".java".length()))
          .filter(f -> DEFAULT_INCLUDES.matcher(f.substring(f.lastIndexOf('/') + 1)).matches())
          .filter(f -> !f.endsWith("package-info") && !f.endsWith("module-info"))
          .map(f -> f.replace('/', '.'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CompareException("cannot list the test classes of " + module + ": "
          + e.getMessage(), e);
    }
  }
}
