package dev.countersign.perf;

import dev.countersign.runner.Mode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The metric names a project's compiled tests ask for in their annotations, each with the modes
 * of the tests that ask for it (a {@code mode = "sim"} test measures its events with the
 * simulator only, an {@code auto} one with the kernel first), as the Maven plugin's scanner read
 * them from {@code classes} without loading the classes, for {@link Doctor}.
 *
 * @param classes the directory of compiled test classes that was scanned
 * @param modes the metric names found, sorted, each with the modes of the tests naming it (never
 *     empty)
 * @param problems class files (or the directory) that could not be read, with why
 * @param classFiles how many class files were read
 */
public record AnnotatedEvents(Path classes, Map<String, Set<Mode>> modes, List<String> problems,
    int classFiles) {

  public AnnotatedEvents {
    SortedMap<String, Set<Mode>> sorted = new TreeMap<>();
    modes.forEach((name, m) -> sorted.put(name, Collections.unmodifiableSet(EnumSet.copyOf(m))));
    modes = Collections.unmodifiableSortedMap(sorted);
    problems = List.copyOf(problems);
  }

  /** Names asked for by tests in mode {@code auto} only (the default). */
  public static AnnotatedEvents auto(Path classes, Set<String> events, List<String> problems,
      int classFiles) {
    Map<String, Set<Mode>> modes = new TreeMap<>();
    events.forEach(e -> modes.put(e, EnumSet.of(Mode.AUTO)));
    return new AnnotatedEvents(classes, modes, problems, classFiles);
  }

  /** The metric names found, sorted. */
  public SortedSet<String> events() {
    return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(modes.keySet()));
  }
}
