package dev.countersign.maven;

import dev.countersign.events.EventCatalog;
import dev.countersign.events.VmExitMetric;
import dev.countersign.events.VmExitReason;
import dev.countersign.perf.AnnotatedEvents;
import dev.countersign.runner.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the metric names a project's compiled tests ask for, from the class files' annotations
 * ({@code @PerfTest(events)}, {@code @CounterBudget(event)}, {@code @MaxRegression(event)}, {@code
 * @VmExitBudget(reason, host)}, and their repeatable containers) without loading the classes, each
 * with the mode of its {@code @PerfTest}. A {@code @PerfTest} that names no metric gets {@link
 * EventCatalog#defaultEvents} of its mode.
 */
final class AnnotatedEventScanner {

  private static final String PKG = "Ldev/countersign/junit/";

  /** Scans with each test's own {@code mode}. */
  AnnotatedEvents scan(Path classes) {
    return scan(classes, Optional.empty());
  }

  /**
   * Scans, each test in {@code override} when given ({@code countersign.mode}, which the tests
   * read before their annotation's {@code mode}), else in its own mode.
   */
  AnnotatedEvents scan(Path classes, Optional<Mode> override) {
    Map<String, Set<Mode>> events = new TreeMap<>();
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
          new ClassReader(in).accept(new Collector(events, override), ClassReader.SKIP_CODE);
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
    private final Map<String, Set<Mode>> events;
    private final Optional<Mode> override;

    Collector(Map<String, Set<Mode>> events, Optional<Mode> override) {
      super(Opcodes.ASM9);
      this.events = events;
      this.override = override;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      List<String> named = new ArrayList<>();
      boolean[] perfTest = {false};
      Mode[] mode = {Mode.AUTO};
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
          if (!desc.startsWith(PKG)) {
            return null;
          }
          String simple = desc.substring(PKG.length(), desc.length() - 1);
          if (simple.equals("PerfTest")) {
            perfTest[0] = true;
            return perfTest(named, mode);
          }
          return annotation(simple, named);
        }

        @Override
        public void visitEnd() {
          Mode effective = override.orElse(mode[0]);
          if (perfTest[0] && named.isEmpty()) {
            named.addAll(EventCatalog.defaultEvents(effective == Mode.SIM));
          }
          for (String name : named) {
            events.computeIfAbsent(name, k -> EnumSet.noneOf(Mode.class)).add(effective);
          }
        }
      };
    }
  }

  /**
   * {@code @PerfTest}: its {@code events} into {@code out}, its {@code mode} into {@code mode[0]}
   * (an unknown mode fails this class file's scan, with the valid ones).
   */
  private static AnnotationVisitor perfTest(List<String> out, Mode[] mode) {
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object value) {
        if (name.equals("mode")) {
          mode[0] = Mode.parse(String.valueOf(value));
        }
      }

      @Override
      public AnnotationVisitor visitArray(String name) {
        return name.equals("events") ? strings(out) : null;
      }
    };
  }

  /**
   * A visitor collecting the metric names of one annotation (or container) into {@code out}: the
   * budgets, limits and their containers, whose elements are budgets and limits too. {@code
   * @PerfTest}, which carries the method's mode, is read by the method's visitor itself.
   */
  private static AnnotationVisitor annotation(String simple, List<String> out) {
    return switch (simple) {
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
