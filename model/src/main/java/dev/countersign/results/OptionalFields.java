package dev.countersign.results;

import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;

/**
 * Fields added to the file formats after files were committed with them absent: an absent one is
 * read as null ("not recorded"), which the reader of each then interprets (see {@link
 * dev.countersign.check.MetricIdentity}). Every other component of a record read from a file is
 * required: a missing one fails the read, naming it. (Told to Jackson as its "required" marker,
 * so that files are read as a stream, without a tree to fill in first.)
 */
final class OptionalFields extends JacksonAnnotationIntrospector {

  private static final Map<Class<?>, Set<String>> OPTIONAL = Map.of(
      // whether kernel mode was counted; the VM-exit feed; plain or instrumented code
      MetricSeries.class, Set.of("kernel", "feed", "code", "costModel"),
      // the other JVM agents present; the JDK (simulated counts depend on it)
      RunConfiguration.class, Set.of("agents", "jdk"));

  @Override
  public Boolean hasRequiredMarker(AnnotatedMember member) {
    if (member instanceof AnnotatedParameter p && p.getDeclaringClass().isRecord()) {
      RecordComponent[] components = p.getDeclaringClass().getRecordComponents();
      // the canonical constructor, whose parameters are the components in order
      if (p.getOwner().getParameterCount() == components.length) {
        return !OPTIONAL.getOrDefault(p.getDeclaringClass(), Set.of())
            .contains(components[p.getIndex()].getName());
      }
    }
    return super.hasRequiredMarker(member);
  }
}
