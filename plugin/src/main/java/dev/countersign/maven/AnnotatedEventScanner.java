package dev.countersign.maven;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.VmExitMetric;
import dev.countersign.events.VmExitReason;
import dev.countersign.perf.AnnotatedEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the metric names a project's compiled tests ask for, from the class files' annotations
 * ({@code @PerfTest(events)}, {@code @CounterBudget(event)}, {@code @MaxRegression(event)}, {@code
 * @VmExitBudget(reason, host)}, and their repeatable containers) without loading the classes. A
 * {@code @PerfTest} that names no metric gets {@link EventCatalog#defaultEvents} of its {@code
 * mode} attribute.
 */
final class AnnotatedEventScanner {

  private static final String PKG = "Ldev/countersign/junit/";

  AnnotatedEvents scan(Path classes) {
    Set<String> events = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    int[] count = {0};
    if (!Files.isDirectory(classes)) {
      problems.add(classes + " is not a directory of compiled classes (run mvn test-compile)");
      return new AnnotatedEvents(classes, events, problems, 0);
    }
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        count[0]++;
        try (InputStream in = Files.newInputStream(f)) {
          new ClassReader(in).accept(new Collector(events), ClassReader.SKIP_CODE);
        } catch (IOException | RuntimeException e) {
          problems.add(classes.relativize(f) + ": " + e);
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + classes + ": " + e.getMessage());
    }
    return new AnnotatedEvents(classes, events, problems, count[0]);
  }

  private static final class Collector extends ClassVisitor {
    private final Set<String> events;

    Collector(Set<String> events) {
      super(Opcodes.ASM9);
      this.events = events;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      List<String> named = new ArrayList<>();
      boolean[] perfTest = {false};
      boolean[] simulated = {false};
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          if (!desc.startsWith(PKG)) {
            return null;
          }
          String simple = desc.substring(PKG.length(), desc.length() - 1);
          if (simple.equals("PerfTest")) {
            perfTest[0] = true;
            return perfTest(named, simulated);
          }
          return annotation(simple, named);
        }

        @Override
        public void visitEnd() {
          if (perfTest[0] && named.isEmpty()) {
            named.addAll(EventCatalog.defaultEvents(simulated[0]));
          }
          events.addAll(named);
        }
      };
    }
  }

  /** {@code @PerfTest}: its {@code events} into {@code out}, whether its {@code mode} is sim. */
  private static AnnotationVisitor perfTest(List<String> out, boolean[] simulated) {
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object value) {
        if (name.equals("mode")) {
          simulated[0] = "sim".equalsIgnoreCase(String.valueOf(value));
        }
      }

      @Override
      public AnnotationVisitor visitArray(String name) {
        return name.equals("events") ? strings(out) : null;
      }
    };
  }

  /** A visitor collecting the metric names of one annotation (or container) into {@code out}. */
  private static AnnotationVisitor annotation(String simple, List<String> out) {
    return switch (simple) {
      case "PerfTest" -> perfTest(out, new boolean[1]);
      case "CounterBudget", "MaxRegression" -> new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String name, Object value) {
          if (name.equals("event")) {
            out.add(String.valueOf(value));
          }
        }
      };
      case "VmExitBudget" -> new AnnotationVisitor(Opcodes.ASM9) {
        private String host = "intel-kvm-default";
        private String reason;

        @Override
        public void visit(String name, Object value) {
          if (name.equals("host")) {
            host = String.valueOf(value);
          }
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
          if (name.equals("reason")) {
            reason = value;
          }
        }

        @Override
        public void visitEnd() {
          if (reason != null) {
            // an unknown constant (another version's) fails this class file's scan, with why
            out.add(VmExitMetric.exits(host, VmExitReason.valueOf(reason)).name());
          }
        }
      };
      case "CounterBudgets", "MaxRegressions", "VmExitBudgets" -> new AnnotationVisitor(
          Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitArray(String name) {
          String element = simple.substring(0, simple.length() - 1);
          return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String n, String desc) {
              return annotation(element, out);
            }
          };
        }
      };
      default -> null;
    };
  }

  private static AnnotationVisitor strings(List<String> out) {
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object value) {
        out.add(String.valueOf(value));
      }
    };
  }
}
