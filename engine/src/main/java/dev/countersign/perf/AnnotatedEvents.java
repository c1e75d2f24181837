package dev.countersign.perf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a project's compiled tests ask for in their annotations, as the Maven plugin's
 * scanner read them from {@code classes} without loading the classes, for {@link Doctor}.
 *
 * @param classes the directory of compiled test classes that was scanned
 * @param events the metric names found, sorted
 * @param problems class files (or the directory) that could not be read, with why
 * @param classFiles how many class files were read
 */
public record AnnotatedEvents(Path classes, Set<String> events, List<String> problems,
    int classFiles) {

  public AnnotatedEvents {
    events = Collections.unmodifiableSortedSet(new TreeSet<>(events));
    problems = List.copyOf(problems);
  }
}
