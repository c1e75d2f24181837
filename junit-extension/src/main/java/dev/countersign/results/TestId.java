package dev.countersign.results;

/**
 * Identifies a performance test across runs.
 *
 * @param className fully qualified test class
 * @param methodName the test method
 * @param displayName JUnit's display name (may contain anything; escape before rendering)
 */
public record TestId(String className, String methodName, String displayName) {

  /** {@code SimpleClassName.method}: the key used for file names and table rows. */
  public String key() {
    int dot = className.lastIndexOf('.');
    String simple = className.substring(dot + 1).replace('$', '.');
    return simple + "." + methodName;
  }

  /** File name (without directory) of this test's result and baseline: {@code <FQCN>.<method>.json}. */
  public String fileName() {
    return className + "." + methodName + ".json";
  }
}
